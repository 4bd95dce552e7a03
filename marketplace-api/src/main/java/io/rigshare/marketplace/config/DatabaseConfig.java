package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Where the data lives. An empty {@code url} starts an embedded PostgreSQL under {@code $RIGSHARE_DATA_DIR/pg}; a
 * {@code jdbc:postgresql://} or {@code postgres://user:pass@host:port/db} URL uses that server instead.
 */
public class DatabaseConfig {
  @JsonProperty private String url = "";
  @JsonProperty private String user = "";
  @JsonProperty private String password = "";

  @Min(2)
  @Max(500)
  @JsonProperty
  private int maxPoolSize = 20;

  public String getUrl() {
    return url == null ? "" : url.strip();
  }

  public String getUser() {
    return user == null ? "" : user;
  }

  public String getPassword() {
    return password == null ? "" : password;
  }

  public int getMaxPoolSize() {
    return maxPoolSize;
  }

  public void setUrl(String url) {
    this.url = url;
  }
}
