package org.vaelab.experiments.eval;

import java.time.OffsetDateTime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A linear probe of representation quality: Tribuo's logistic regression (SGD with AdaGrad, fixed
 * seed) trained on the latent means of training examples to predict their labels, scored by
 * accuracy on the test examples' latent means.
 */
public final class LinearProbe {
  private LinearProbe() {}

  /** Test accuracy in [0, 1] of a probe trained on ({@code trainMeans}, {@code trainLabels}). */
  public static double accuracy(INDArray trainMeans, int[] trainLabels, INDArray testMeans, int[] testLabels) {
    String[] names = featureNames((int) trainMeans.size(1));
    Model<Label> model = new LogisticRegressionTrainer().train(dataset("latent means (train)", trainMeans, trainLabels,
        names));
    return new LabelEvaluator().evaluate(model, dataset("latent means (test)", testMeans, testLabels, names))
        .accuracy();
  }

  private static MutableDataset<Label> dataset(String name, INDArray means, int[] labels, String[] names) {
    LabelFactory factory = new LabelFactory();
    var provenance = new SimpleDataSourceProvenance(name, OffsetDateTime.now(), factory);
    var examples = new java.util.ArrayList<org.tribuo.Example<Label>>();
    double[][] rows = means.toDoubleMatrix();
    for (int i = 0; i < rows.length; i++) {
      examples.add(new ArrayExample<>(new Label(Integer.toString(labels[i])), names, rows[i]));
    }
    return new MutableDataset<>(new ListDataSource<>(examples, factory, provenance));
  }

  private static String[] featureNames(int dims) {
    String[] names = new String[dims];
    for (int i = 0; i < dims; i++) names[i] = String.format("z%03d", i);
    return names;
  }
}
