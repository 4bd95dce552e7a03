/** Health checks beyond the database's own: the ledger's invariants. */
package io.rigshare.marketplace.health;
