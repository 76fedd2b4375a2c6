-- Lets one statement refuse itself: checkout writes an order, its lines and every reservation in a
-- single atomic statement, and aborts it (writing nothing) when a condition failed.
CREATE OR REPLACE FUNCTION linli_check(ok boolean, code text, detail text) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code, DETAIL = coalesce(detail, '');
  END IF;
  RETURN 0;
END
$$;
