/** Database access: the embedded server, migrations, and JDBI SqlObject DAOs returning records. */
package io.rigshare.marketplace.db;
