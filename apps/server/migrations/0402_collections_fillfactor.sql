-- The case flow rewrites every open case once a day (DPD, overdue amount, rank; none of them indexed):
-- leave room in each page so those updates can be HOT (see docs/collections.md, performance).
ALTER TABLE "collection_cases" SET (fillfactor = 80);
