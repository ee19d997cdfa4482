/** Tracker plugins: MLflow's file-store layout under ./mlruns, written from Java. */
package org.vaelab.experiments.track;
