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
GO
-- 0002_payment_batches_and_job_history
GO
IF OBJECT_ID(N'IntSchema.PaymentBatch', N'U') IS NULL
CREATE TABLE [IntSchema].[PaymentBatch] (
	[PaymentBatchId] INTEGER NOT NULL IDENTITY(1,1),
	[FileStamp] NVARCHAR(14) NOT NULL,
	[DateCreated] DATETIME2 NOT NULL,
	[DateCompleted] DATETIME2 NULL,
	CONSTRAINT int_paymentbatch_pkey PRIMARY KEY ([PaymentBatchId]),
	CONSTRAINT int_paymentbatch_filestamp_unique UNIQUE ([FileStamp])
);
GO
IF OBJECT_ID(N'IntSchema.PaymentBatchLine', N'U') IS NULL
CREATE TABLE [IntSchema].[PaymentBatchLine] (
	[PaymentBatchLineId] INTEGER NOT NULL IDENTITY(1,1),
	[PaymentBatchId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[TopUpId] INTEGER NULL,
	[ApprovedTotal] DECIMAL(8, 2) NOT NULL,
	[DeductionTotal] DECIMAL(8, 2) NOT NULL,
	[ManuallyProcessedTotal] DECIMAL(8, 2) NOT NULL,
	CONSTRAINT int_paymentbatchline_pkey PRIMARY KEY ([PaymentBatchLineId]),
	CONSTRAINT int_paymentbatchline_paymentbatchid_foreign FOREIGN KEY([PaymentBatchId]) REFERENCES [IntSchema].[PaymentBatch] ([PaymentBatchId])
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'int_paymentbatchline_claimid_unique' AND object_id = OBJECT_ID(N'IntSchema.PaymentBatchLine'))
    CREATE UNIQUE INDEX int_paymentbatchline_claimid_unique ON [IntSchema].[PaymentBatchLine] ([ClaimId]) WHERE [TopUpId] IS NULL;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'int_paymentbatchline_paymentbatchid_index' AND object_id = OBJECT_ID(N'IntSchema.PaymentBatchLine'))
    CREATE INDEX int_paymentbatchline_paymentbatchid_index ON [IntSchema].[PaymentBatchLine] ([PaymentBatchId]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'int_paymentbatchline_topupid_unique' AND object_id = OBJECT_ID(N'IntSchema.PaymentBatchLine'))
    CREATE UNIQUE INDEX int_paymentbatchline_topupid_unique ON [IntSchema].[PaymentBatchLine] ([TopUpId]) WHERE [TopUpId] IS NOT NULL;
GO
IF OBJECT_ID(N'IntSchema.JobHistory', N'U') IS NULL
CREATE TABLE [IntSchema].[JobHistory] (
	[JobName] NVARCHAR(100) NOT NULL,
	[LastSuccessDate] DATETIME2 NOT NULL,
	CONSTRAINT int_jobhistory_pkey PRIMARY KEY ([JobName])
);
GO
-- 0003_task_claim_indexes
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ext_task_datecreated_taskid_index' AND object_id = OBJECT_ID(N'ExtSchema.Task'))
    CREATE INDEX ext_task_datecreated_taskid_index ON [ExtSchema].[Task] ([DateCreated], [TaskId]) WHERE [Status] = 'PENDING';
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ext_task_leaseexpirydate_index' AND object_id = OBJECT_ID(N'ExtSchema.Task'))
    CREATE INDEX ext_task_leaseexpirydate_index ON [ExtSchema].[Task] ([LeaseExpiryDate]) WHERE [Status] = 'IN-PROGRESS';
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'int_task_datecreated_taskid_index' AND object_id = OBJECT_ID(N'IntSchema.Task'))
    CREATE INDEX int_task_datecreated_taskid_index ON [IntSchema].[Task] ([DateCreated], [TaskId]) WHERE [Status] = 'PENDING';
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'int_task_leaseexpirydate_index' AND object_id = OBJECT_ID(N'IntSchema.Task'))
    CREATE INDEX int_task_leaseexpirydate_index ON [IntSchema].[Task] ([LeaseExpiryDate]) WHERE [Status] = 'IN-PROGRESS';
