# Reports one run as the MLflow Python API sees it, one "kind<TAB>key<TAB>value" line per fact.
import os, sys, tempfile
import mlflow
from mlflow.tracking import MlflowClient

uri, run_id, download = sys.argv[1], sys.argv[2], sys.argv[3]
mlflow.set_tracking_uri(uri)
c = MlflowClient(tracking_uri=uri)
r = c.get_run(run_id)
out = []
out.append(("run", "status", r.info.status))
out.append(("run", "name", r.info.run_name))
out.append(("run", "experiment", c.get_experiment(r.info.experiment_id).name))
for k, v in r.data.params.items():
    out.append(("param", k, v))
for k, v in r.data.tags.items():
    out.append(("tag", k, v.replace("\n", " ")))
for k in r.data.metrics:
    h = c.get_metric_history(run_id, k)
    out.append(("history", k, ",".join(str(m.step) for m in h)))
    out.append(("timestamps", k, ",".join(str(m.timestamp) for m in h)))
for d in r.inputs.dataset_inputs:
    out.append(("dataset", d.dataset.name, d.dataset.digest))
    for t in d.tags:
        out.append(("datasettag", d.dataset.name + " " + t.key, t.value))
for k, v in c.get_experiment(r.info.experiment_id).tags.items():
    out.append(("experimenttag", k, v))
for o in r.outputs.model_outputs if r.outputs else []:
    m = c.get_logged_model(o.model_id)
    out.append(("model", m.tags.get("vaelab.weights", ""), m.name + " " + str(o.step) + " " + m.status.name))
    for x in m.metrics or []:
        out.append(("modelmetric", m.tags.get("vaelab.weights", "") + " " + x.key, str(x.value)))
    mdir = mlflow.artifacts.download_artifacts(artifact_uri=m.artifact_location, dst_path=tempfile.mkdtemp(prefix="model-"))
    files = sorted(os.path.relpath(os.path.join(d, f), mdir) for d, _, fs in os.walk(mdir) for f in fs)
    out.append(("modelfiles", m.tags.get("vaelab.weights", ""), ",".join(files)))
df = mlflow.search_runs(experiment_ids=[r.info.experiment_id])
out.append(("search", "runs", str(len(df))))
local = mlflow.artifacts.download_artifacts(run_id=run_id, dst_path=download)
for root, _, files in os.walk(local):
    for f in files:
        p = os.path.join(root, f)
        out.append(("artifact", os.path.relpath(p, local), str(os.path.getsize(p))))
for kind, key, value in out:
    print(kind + "\t" + key + "\t" + value)
