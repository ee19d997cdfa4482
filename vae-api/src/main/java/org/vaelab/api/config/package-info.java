/** Mapping plugin config records to and from plain maps (YAML), with user-facing errors. */
package org.vaelab.api.config;
