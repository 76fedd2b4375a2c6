-- The outbox is delivered by a pump in the process that runs jobs, no longer by a recurring job every 2 s.
DELETE FROM "jobs" WHERE "key" = 'deliver-outbox' AND "schedule" IS NOT NULL;
