-- How ingest merges what a batch says about an endpoint into what is stored: one INSERT … ON CONFLICT DO UPDATE per
-- row that calls these functions, so that two consumers writing the same endpoint serialize on its row lock and
-- neither update is lost. Every merge is commutative and associative (counts add, sets union, times take min/max),
-- so parts applied in any order, by any consumer, end in the same row.

-- Counts by key (status codes): the sum per key.
CREATE FUNCTION ingest_add_counts(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
  FROM (SELECT key, sum(value::numeric) AS total
          FROM (SELECT * FROM jsonb_each_text(coalesce(a, '{}'))
                UNION ALL
                SELECT * FROM jsonb_each_text(coalesce(b, '{}'))) counts
         GROUP BY key) totals
$$;

-- Latency histograms with the contract's fixed bucket bounds: counts and sums add, buckets add bound by bound.
CREATE FUNCTION ingest_merge_histogram(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT jsonb_build_object(
           'count', coalesce((a ->> 'count')::numeric, 0) + coalesce((b ->> 'count')::numeric, 0),
           'sumMicros', coalesce((a ->> 'sumMicros')::numeric, 0) + coalesce((b ->> 'sumMicros')::numeric, 0),
           'buckets', coalesce((SELECT jsonb_agg(jsonb_build_object('upperBoundMicros', bound, 'count', total)
                                                 ORDER BY bound)
                                  FROM (SELECT (bucket ->> 'upperBoundMicros')::numeric AS bound,
                                               sum((bucket ->> 'count')::numeric) AS total
                                          FROM (SELECT jsonb_array_elements(coalesce(a -> 'buckets', '[]'))
                                                UNION ALL
                                                SELECT jsonb_array_elements(coalesce(b -> 'buckets', '[]')))
                                               AS buckets(bucket)
                                         GROUP BY 1) merged), '[]'::jsonb))
$$;

-- The union of two sets kept as sorted text arrays (auth schemes, data classes).
CREATE FUNCTION ingest_union(a text[], b text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT coalesce(array_agg(DISTINCT e ORDER BY e), '{}') FROM unnest(coalesce(a, '{}') || coalesce(b, '{}')) AS e
$$;

-- The union of two sets kept as sorted JSON arrays; null when both are absent.
CREATE FUNCTION ingest_union(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT CASE WHEN a IS NULL AND b IS NULL THEN NULL
            ELSE (SELECT coalesce(jsonb_agg(DISTINCT e ORDER BY e), '[]'::jsonb)
                    FROM (SELECT jsonb_array_elements(coalesce(a, '[]'))
                          UNION ALL
                          SELECT jsonb_array_elements(coalesce(b, '[]'))) AS elements(e))
       END
$$;

-- One field of an endpoint's shape seen twice: its types, formats and data classes union, it is required only if
-- every sighting said so, and the times it was seen add. Members absent on both sides stay absent.
CREATE FUNCTION ingest_merge_field(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT CASE WHEN a IS NULL THEN b
            WHEN b IS NULL THEN a
            ELSE jsonb_strip_nulls(jsonb_build_object(
                     'types', ingest_union(a -> 'types', b -> 'types'),
                     'formats', ingest_union(a -> 'formats', b -> 'formats'),
                     'dataClasses', ingest_union(a -> 'dataClasses', b -> 'dataClasses'),
                     'required', CASE WHEN a ? 'required' OR b ? 'required'
                                      THEN coalesce((a ->> 'required')::boolean, true)
                                           AND coalesce((b ->> 'required')::boolean, true) END,
                     'seen', CASE WHEN a ? 'seen' OR b ? 'seen'
                                  THEN coalesce((a ->> 'seen')::numeric, 0) + coalesce((b ->> 'seen')::numeric, 0) END))
       END
$$;

-- An endpoint's shape: sections (path, query, cookie, requestHeader, responseHeader, requestBody:<type>,
-- responseBody:<status>:<type>) of fields by path, merged section by section and field by field.
CREATE FUNCTION ingest_merge_shape(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT coalesce(jsonb_object_agg(section, (SELECT coalesce(jsonb_object_agg(path, ingest_merge_field(
                                                                a -> section -> path, b -> section -> path)), '{}')
                                             FROM (SELECT jsonb_object_keys(coalesce(a -> section, '{}'))
                                                   UNION
                                                   SELECT jsonb_object_keys(coalesce(b -> section, '{}')))
                                                  AS paths(path))), '{}'::jsonb)
  FROM (SELECT jsonb_object_keys(coalesce(a, '{}')) UNION SELECT jsonb_object_keys(coalesce(b, '{}'))) AS sections(section)
$$;

