/** Experiment configs: YAML plus {@code --set} overrides, resolved against the plugin registry and validated. */
package org.vaelab.experiments.config;
