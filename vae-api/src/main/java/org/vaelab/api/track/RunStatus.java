package org.vaelab.api.track;

/** Terminal and running states of a run, as MLflow names them. */
public enum RunStatus {
  RUNNING(1), SCHEDULED(2), FINISHED(3), FAILED(4), KILLED(5);

  /** MLflow's numeric code for the state (file store meta.yaml). */
  public final int code;

  RunStatus(int code) { this.code = code; }

}
