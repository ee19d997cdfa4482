/** The {@code vae} command line: JCommander commands over vae-experiments. */
package org.vaelab.cli;
