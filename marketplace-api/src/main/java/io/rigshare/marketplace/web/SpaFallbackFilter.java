package io.rigshare.marketplace.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Deep links into the web app ({@code /hosts/add}) have no file behind them: serve {@code index.html} and let the
 * app's router take over. Paths with a file extension, and the API, pass through untouched.
 */
public class SpaFallbackFilter implements Filter {
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (isAppRoute(request.getMethod(), path)) {
      request.getRequestDispatcher("/index.html").forward(req, res);
      return;
    }
    chain.doFilter(req, res);
  }

  static boolean isAppRoute(String method, String path) {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return false;
    }
    if (path.equals("/") || path.startsWith("/api/") || path.equals("/api") || path.startsWith("/assets/")) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".");
  }
}
