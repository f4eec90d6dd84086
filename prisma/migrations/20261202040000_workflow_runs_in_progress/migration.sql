-- The workflow list counts each workflow's runs in progress: a partial index holds only those (a
-- delay can keep a run waiting for a year, so no time window would do). workflow_runs is new and
-- still small here, so a plain CREATE INDEX in the migration's transaction is fine.
CREATE INDEX "workflow_runs_in_progress" ON "workflow_runs"("workflow_id") WHERE (status IN ('running', 'waiting'));
