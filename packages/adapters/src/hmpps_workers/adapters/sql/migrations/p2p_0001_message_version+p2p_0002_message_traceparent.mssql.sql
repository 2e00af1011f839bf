-- p2p_0001_message_version
GO
IF COL_LENGTH(N'p2p_message', N'version') IS NULL
    ALTER TABLE p2p_message ADD version INTEGER DEFAULT 0 NOT NULL;
GO
-- p2p_0002_message_traceparent
GO
IF COL_LENGTH(N'p2p_message', N'traceparent') IS NULL
    ALTER TABLE p2p_message ADD traceparent VARCHAR(64) NULL;
