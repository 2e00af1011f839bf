-- p2p_0001_message_version
ALTER TABLE p2p_message ADD COLUMN IF NOT EXISTS version INTEGER DEFAULT 0 NOT NULL;
-- p2p_0002_message_traceparent
ALTER TABLE p2p_message ADD COLUMN IF NOT EXISTS traceparent VARCHAR(64) NULL;
