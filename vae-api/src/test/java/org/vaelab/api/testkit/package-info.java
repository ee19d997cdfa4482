/**
 * The plugin test kit, shipped as vae-api's test-jar: abstract contract tests that a plugin's
 * test extends to inherit every generic check (after Lucene's BaseKnnVectorsFormatTestCase).
 */
package org.vaelab.api.testkit;
