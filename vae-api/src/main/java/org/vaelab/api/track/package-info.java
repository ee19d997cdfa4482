/** Experiment tracking: the run handle every tracker plugin implements. */
package org.vaelab.api.track;
