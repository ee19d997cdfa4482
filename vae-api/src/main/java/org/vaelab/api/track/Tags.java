package org.vaelab.api.track;

/**
 * Every run, experiment, input and logged-model tag vaelab writes, by name: MLflow's own
 * ({@code mlflow.*}, which the UI reads) and vaelab's. Say a tag here, not as a string elsewhere.
 */
public final class Tags {
  /** The run's name in the UI. */
  public static final String RUN_NAME = "mlflow.runName";
  /** Who ran it. */
  public static final String USER = "mlflow.user";
  /** The run's description (markdown). */
  public static final String NOTE = "mlflow.note.content";
  /** A sweep trial's parent run. */
  public static final String PARENT_RUN = "mlflow.parentRunId";
  /** The command that made the run. */
  public static final String SOURCE_NAME = "mlflow.source.name";
  /** LOCAL. */
  public static final String SOURCE_TYPE = "mlflow.source.type";
  /** The checkout's commit, when run inside one. */
  public static final String GIT_COMMIT = "mlflow.source.git.commit";
  /** Turns the UI's image view on. */
  public static final String LOGGED_IMAGES = "mlflow.loggedImages";
  /** Experiment tag: the kind of experiment (training, GenAI). */
  public static final String EXPERIMENT_KIND = "mlflow.experimentKind";
  /** Dataset input tag: train, validation or test. */
  public static final String DATA_CONTEXT = "mlflow.data.context";
  /** Experiment tag: the metric the UI shows first. */
  public static final String PRIMARY_METRIC = "mlflow.experiment.primaryMetric.name";
  /** The training data's name. */
  public static final String DATASET_NAME = "vaelab.dataset.name";
  /** A digest of the training data. */
  public static final String DATASET_DIGEST = "vaelab.dataset.digest";
  /** Where the training data came from. */
  public static final String DATASET_SOURCE = "vaelab.dataset.source";
  /** Logged model tag: kind:id of each plugin it needs. */
  public static final String PLUGINS = "vaelab.plugins";
  /** Logged model tag: final or best. */
  public static final String WEIGHTS = "vaelab.weights";
  /** Why early stopping ended the run. */
  public static final String EARLY_STOPPED = "vaelab.early_stopped";
  /** How often a sweep trial was started. */
  public static final String ATTEMPTS = "vaelab.attempts";
  /** Why sweep pruning stopped a trial. */
  public static final String PRUNED = "vaelab.pruned";
  /** Parent or trial. */
  public static final String SWEEP_ROLE = "vaelab.sweep.role";
  /** The time a running run last said it is alive (epoch ms). */
  public static final String HEARTBEAT = "vaelab.heartbeat";
  /** What the per-datapoint posterior of the gaps ranges over. */
  public static final String GAP_FAMILY = "vaelab.gap_family";
  /** Why the gaps were not measured. */
  public static final String GAPS = "vaelab.eval.gaps";
  /** Posterior-collapse warnings. */
  public static final String COLLAPSE = "vaelab.collapse";
  /** The run a --from-run run reproduces. */
  public static final String REPRODUCES = "vaelab.reproduces";
  /** On a second-stage run: the VQ-VAE run whose prior over codes it fits. */
  public static final String FITS_PRIOR_OF = "vaelab.fits_prior_of";
  /** Why the run failed. */
  public static final String FAILURE = "vaelab.failure";
  /** The local run a pushed run came from. */
  public static final String PUSHED_FROM = "vaelab.pushed_from";
  /** Params cut to the server's limit. */
  public static final String TRUNCATED_PARAMS = "vaelab.truncated_params";
  /** The kernel backend that ran. */
  public static final String BACKEND = "vaelab.backend";
  /** The BLAS behind the cpu-vector products. */
  public static final String BLAS = "vaelab.blas";
  /** What the last vae eval did. */
  public static final String EVAL = "vaelab.eval";
  /** Vaelab's version. */
  public static final String VERSION_VAELAB = "vaelab.version.vaelab";
  /** ND4J's version. */
  public static final String VERSION_ND4J = "vaelab.version.nd4j";
  /** The JVM. */
  public static final String VERSION_JAVA = "vaelab.version.java";
  /** The sweep's name, on the parent and every trial. */
  public static final String SWEEP_ID = "sweep.id";
  /** The sweep file's hash. */
  public static final String SWEEP_HASH = "sweep.hash";
  /** Parent: the best trial's run. */
  public static final String SWEEP_BEST_RUN = "sweep.best_run";
  /** Parent: the best trial's index. */
  public static final String SWEEP_BEST_TRIAL = "sweep.best_trial";
  /** A trial's index in the plan. */
  public static final String TRIAL_INDEX = "trial.index";
  /** A trial's config-and-seed id. */
  public static final String TRIAL_ID = "trial.id";
  /** Prefix of the tags naming each plugin a run used, by kind: {@code vaelab.plugin.encoder = mlp from vae-models-0.1.0.jar}. */
  public static final String PLUGIN_PREFIX = "vaelab.plugin.";
  /** Prefix of the local tag that records a pushed run's id on a server. */
  public static final String PUSHED_PREFIX = "vaelab.pushed.";
  /** Prefix of MLflow's experiment-level tags that push copies. */
  public static final String EXPERIMENT_PREFIX = "mlflow.experiment.";
  /** The sweep's parent run's config id tag. */
  public static final String CONFIG_ID = "config_id";

  private Tags() {}
}
