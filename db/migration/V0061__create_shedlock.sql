-- ShedLock's lock table (module shared): a scheduled job takes its row before it runs, so with several app nodes on
-- one database each run happens on one node only. Times come from the database (usingDbTime), not the nodes' clocks.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
