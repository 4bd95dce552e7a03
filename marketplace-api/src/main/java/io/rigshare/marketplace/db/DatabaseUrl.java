package io.rigshare.marketplace.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A JDBC URL and credentials, from either a {@code jdbc:postgresql://} URL or the {@code postgres://user:pass@host/db}
 * form that hosting platforms hand out. Credentials in the URL win over the separate settings.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

  public static DatabaseUrl parse(String url, String user, String password) {
    String value = url.strip();
    if (value.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(value, user, password);
    }
    if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
      throw new IllegalArgumentException("not a PostgreSQL URL");
    }
    URI uri = URI.create(value);
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("a PostgreSQL URL needs a host and a database name");
    }
    String resolvedUser = user;
    String resolvedPassword = password;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      resolvedUser = decode(parts[0]);
      resolvedPassword = parts.length > 1 ? decode(parts[1]) : "";
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
    return new DatabaseUrl(jdbc, resolvedUser, resolvedPassword);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + jdbcUrl + ", user=" + user + "]";
  }
}
