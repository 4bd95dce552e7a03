/** Request and response bodies of the HTTP API, as records; their JSON names are a public contract. */
package io.rigshare.marketplace.api;
