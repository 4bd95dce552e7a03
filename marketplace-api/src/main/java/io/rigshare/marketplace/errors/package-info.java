/** The API's error codes, the one JSON error shape, and the mappers that turn every failure into it. */
package io.rigshare.marketplace.errors;
