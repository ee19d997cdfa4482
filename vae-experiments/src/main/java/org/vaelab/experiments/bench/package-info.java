/** {@code vae bench}: the standard performance cases, printed as a table (figures, not tests). */
package org.vaelab.experiments.bench;
