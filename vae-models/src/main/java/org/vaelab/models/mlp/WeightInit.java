package org.vaelab.models.mlp;

import org.vaelab.api.engine.ParamSpec;

/** How the MLPs' weight matrices start (biases always take PyTorch's fan-in uniform init). */
public enum WeightInit {
  FAN_IN_UNIFORM(ParamSpec.Init.FAN_IN_UNIFORM), HE_NORMAL(ParamSpec.Init.HE_NORMAL);

  final ParamSpec.Init init;

  WeightInit(ParamSpec.Init init) { this.init = init; }
}
