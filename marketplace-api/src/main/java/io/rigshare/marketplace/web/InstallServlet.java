package io.rigshare.marketplace.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /install.sh}: a script that downloads the agent jar from this API and installs it as a systemd service;
 * {@code GET /downloads/rigshare-agent.jar}: the agent jar itself, built into this service's jar.
 */
public class InstallServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String AGENT_JAR = "/agent/rigshare-agent.jar";

  private final transient URI publicUri;

  public InstallServlet(URI publicUri) {
    this.publicUri = publicUri;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (path.equals("/install.sh")) {
      response.setContentType("text/x-shellscript; charset=utf-8");
      response.setHeader("Cache-Control", "no-store");
      response.getOutputStream().write(script().getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (path.equals("/downloads/rigshare-agent.jar")) {
      try (InputStream jar = InstallServlet.class.getResourceAsStream(AGENT_JAR)) {
        if (jar == null) {
          response.sendError(404, "this build carries no agent jar");
          return;
        }
        response.setContentType("application/java-archive");
        response.setHeader("Content-Disposition", "attachment; filename=\"rigshare-agent.jar\"");
        try (OutputStream out = response.getOutputStream()) {
          jar.transferTo(out);
        }
      }
      return;
    }
    response.sendError(404);
  }

  String script() {
    try (InputStream in = InstallServlet.class.getResourceAsStream("/install.sh.template")) {
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return template.replace("@API_URL@", publicUri.toString());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("install.sh.template is missing from the build", e);
    }
  }
}
