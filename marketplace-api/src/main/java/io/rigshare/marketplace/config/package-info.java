/** Configuration sections, validated at start-up; config.yml at the repository root documents each. */
package io.rigshare.marketplace.config;
