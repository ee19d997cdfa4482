/**
 * The service provider interfaces: one provider interface per plugin kind, found through
 * {@link java.util.ServiceLoader} by the {@link org.vaelab.api.spi.PluginRegistry}.
 */
package org.vaelab.api.spi;
