/** Servlet-level pieces: the body size limit, the web app's deep-link fallback, client addresses. */
package io.rigshare.marketplace.web;
