-- A fleet rollout's bake time: how long the tenants of a completed wave run the candidate before the next wave is
-- released (ISO-8601), and, while a wave bakes, when the next one is due.
ALTER TABLE fleet_rollout ADD COLUMN bake_time VARCHAR(32) NOT NULL DEFAULT 'PT0S';
ALTER TABLE fleet_rollout ADD COLUMN next_wave_at TIMESTAMP WITH TIME ZONE;
