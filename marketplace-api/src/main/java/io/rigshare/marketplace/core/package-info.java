/** The marketplace's services: node tokens, rate limits. Resources call these; these call the DAOs. */
package io.rigshare.marketplace.core;
