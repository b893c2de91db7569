import Logging
import Metrics
import Prometheus

/// Process-wide setup, called once from an executable's `main` and never from a build function.
public enum ServiceProcess {
    /// Bootstraps logging (level from `LOG_LEVEL`, default `info`) and Prometheus metrics; returns the registry `/metrics` serves.
    public static func bootstrap(label: String) -> PrometheusCollectorRegistry {
        let level = EnvironmentReader().string("LOG_LEVEL", default: "info")
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = Logger.Level(rawValue: level) ?? .info
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
