/** JAX-RS resources under /api: thin, they validate, check ownership through the principal, and call services. */
package io.rigshare.marketplace.resources;
