package kil.oracle;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/** The connector class the override policy is asked about (policies look at the keys, not at the class). */
public final class OracleSourceConnector extends SourceConnector {
    @Override public void start(Map<String, String> props) {}
    @Override public Class<? extends Task> taskClass() { return null; }
    @Override public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(); }
    @Override public void stop() {}
    @Override public ConfigDef config() { return new ConfigDef(); }
    @Override public String version() { return "0"; }
}
