package org.vaelab.experiments.track;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.CloseableHttpClient;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;

/**
 * Builds an {@link MlflowClient} whose HTTP calls time out and never retry. The client's own caller
 * retries every 4xx three times and has no timeouts; its constructor taking both settings is
 * package-private, so it is reached by reflection. Retrying is {@link Retry}'s job.
 */
final class MlflowClients {
  private MlflowClients() {}

  static MlflowClient create(MlflowHostCredsProvider creds, int timeoutMillis) {
    RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(timeoutMillis).setSocketTimeout(timeoutMillis)
        .setConnectionRequestTimeout(timeoutMillis).build();
    CloseableHttpClient http = HttpClientBuilder.create().setDefaultRequestConfig(timeouts).disableAutomaticRetries()
        .build();
    MlflowClient client = new MlflowClient(creds);
    try {
      Class<?> callerType = Class.forName("org.mlflow.tracking.MlflowHttpCaller");
      Constructor<?> make = callerType.getDeclaredConstructor(MlflowHostCredsProvider.class, int.class, int.class,
          int.class, CloseableHttpClient.class);
      make.setAccessible(true);
      // no 429 waiting (0 ms), one attempt, our HTTP client
      Object caller = make.newInstance(creds, 0, 0, 1, http);
      Field field = MlflowClient.class.getDeclaredField("httpCaller");
      field.setAccessible(true);
      field.set(client, caller);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("mlflow-client 2.17.2 expected (its HTTP caller changed): " + e, e);
    }
    return client;
  }
}
