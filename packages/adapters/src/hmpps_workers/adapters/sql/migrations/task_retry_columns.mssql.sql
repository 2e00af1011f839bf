-- 0001_task_retry_columns
GO
IF COL_LENGTH(N'ExtSchema.Task', N'Attempts') IS NULL
    ALTER TABLE [ExtSchema].[Task] ADD [Attempts] INTEGER NULL;
GO
IF COL_LENGTH(N'ExtSchema.Task', N'NextAttemptDate') IS NULL
    ALTER TABLE [ExtSchema].[Task] ADD [NextAttemptDate] DATETIME2 NULL;
GO
IF COL_LENGTH(N'ExtSchema.Task', N'LeaseExpiryDate') IS NULL
    ALTER TABLE [ExtSchema].[Task] ADD [LeaseExpiryDate] DATETIME2 NULL;
GO
IF COL_LENGTH(N'ExtSchema.Task', N'LeaseOwner') IS NULL
    ALTER TABLE [ExtSchema].[Task] ADD [LeaseOwner] NVARCHAR(64) NULL;
GO
IF COL_LENGTH(N'ExtSchema.Task', N'LastError') IS NULL
    ALTER TABLE [ExtSchema].[Task] ADD [LastError] NVARCHAR(1000) NULL;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ext_task_status_datecreated_index' AND object_id = OBJECT_ID(N'ExtSchema.Task'))
    CREATE INDEX ext_task_status_datecreated_index ON [ExtSchema].[Task] ([Status], [DateCreated]);
GO
IF COL_LENGTH(N'IntSchema.Task', N'Attempts') IS NULL
    ALTER TABLE [IntSchema].[Task] ADD [Attempts] INTEGER NULL;
GO
IF COL_LENGTH(N'IntSchema.Task', N'NextAttemptDate') IS NULL
    ALTER TABLE [IntSchema].[Task] ADD [NextAttemptDate] DATETIME2 NULL;
GO
IF COL_LENGTH(N'IntSchema.Task', N'LeaseExpiryDate') IS NULL
    ALTER TABLE [IntSchema].[Task] ADD [LeaseExpiryDate] DATETIME2 NULL;
GO
IF COL_LENGTH(N'IntSchema.Task', N'LeaseOwner') IS NULL
    ALTER TABLE [IntSchema].[Task] ADD [LeaseOwner] NVARCHAR(64) NULL;
GO
IF COL_LENGTH(N'IntSchema.Task', N'LastError') IS NULL
    ALTER TABLE [IntSchema].[Task] ADD [LastError] NVARCHAR(1000) NULL;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'int_task_status_datecreated_index' AND object_id = OBJECT_ID(N'IntSchema.Task'))
    CREATE INDEX int_task_status_datecreated_index ON [IntSchema].[Task] ([Status], [DateCreated]);
