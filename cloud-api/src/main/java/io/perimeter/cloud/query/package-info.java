/**
 * Reading tenant rows with SQL that repositories cannot derive: filters chosen per request ({@link
 * io.perimeter.cloud.query.Conditions}), sort orders and keyset pagination with opaque cursors ({@link
 * io.perimeter.cloud.query.Keyset}, {@link io.perimeter.cloud.query.Page}), run by {@link
 * io.perimeter.cloud.query.SqlRows} inside a tenant transaction.
 */
package io.perimeter.cloud.query;
