-- unreserved claims due
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber], sum([IntSchema].[ClaimExpense].[ApprovedCost]) AS [TotalApprovedCost], (SELECT sum([IntSchema].[ClaimDeduction].[Amount]) AS sum_1
FROM [IntSchema].[ClaimDeduction]
WHERE [IntSchema].[ClaimDeduction].[ClaimId] = [IntSchema].[Claim].[ClaimId] AND [IntSchema].[ClaimDeduction].[IsEnabled] = 1) AS [TotalDeductionAmount], sum(CASE WHEN ([IntSchema].[ClaimExpense].[Status] = :param_1) THEN [IntSchema].[ClaimExpense].[ApprovedCost] END) AS [ManuallyProcessedCost]
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[ClaimBankDetail] ON [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] JOIN [IntSchema].[ClaimExpense] ON [IntSchema].[ClaimExpense].[ClaimId] = [IntSchema].[Claim].[ClaimId]
WHERE ([IntSchema].[Claim].[Status] = :param_2 OR [IntSchema].[Claim].[Status] = :param_3 OR [IntSchema].[Claim].[DateApproved] IS NOT NULL) AND ([IntSchema].[ClaimExpense].[Status] = :param_4 OR [IntSchema].[ClaimExpense].[Status] = :param_5 OR [IntSchema].[ClaimExpense].[Status] = :param_6) AND [IntSchema].[Claim].[PaymentMethod] = :param_7 AND [IntSchema].[Claim].[PaymentStatus] IS NULL AND NOT (EXISTS (SELECT *
FROM [IntSchema].[PaymentBatchLine]
WHERE [IntSchema].[PaymentBatchLine].[ClaimId] = [IntSchema].[Claim].[ClaimId] AND [IntSchema].[PaymentBatchLine].[TopUpId] IS NULL)) GROUP BY [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber] ORDER BY [IntSchema].[Claim].[ClaimId];

-- unreserved top-ups due
SELECT [IntSchema].[TopUp].[TopUpId], [IntSchema].[TopUp].[TopUpAmount], [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber]
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[ClaimBankDetail] ON [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] JOIN [IntSchema].[TopUp] ON [IntSchema].[TopUp].[ClaimId] = [IntSchema].[Claim].[ClaimId]
WHERE [IntSchema].[TopUp].[PaymentStatus] = :param_1 AND [IntSchema].[Claim].[PaymentMethod] = :param_2 AND [IntSchema].[TopUp].[PaymentDate] IS NULL AND NOT (EXISTS (SELECT *
FROM [IntSchema].[PaymentBatchLine]
WHERE [IntSchema].[PaymentBatchLine].[TopUpId] = [IntSchema].[TopUp].[TopUpId])) ORDER BY [IntSchema].[TopUp].[TopUpId];

-- batch by stamp
SELECT [IntSchema].[PaymentBatch].[PaymentBatchId]
FROM [IntSchema].[PaymentBatch]
WHERE [IntSchema].[PaymentBatch].[FileStamp] = :FileStamp_1;

-- insert batch
INSERT INTO [IntSchema].[PaymentBatch] ([FileStamp], [DateCreated]) OUTPUT inserted.[PaymentBatchId] VALUES (:FileStamp, :DateCreated);

-- insert lines
INSERT INTO [IntSchema].[PaymentBatchLine] ([PaymentBatchId], [ClaimId], [TopUpId], [ApprovedTotal], [DeductionTotal], [ManuallyProcessedTotal]) OUTPUT inserted.[PaymentBatchLineId] VALUES (:PaymentBatchId, :ClaimId, :TopUpId, :ApprovedTotal, :DeductionTotal, :ManuallyProcessedTotal);

-- reserved claims
SELECT [IntSchema].[PaymentBatchLine].[ClaimId]
FROM [IntSchema].[PaymentBatchLine]
WHERE [IntSchema].[PaymentBatchLine].[ClaimId] IN (__[POSTCOMPILE_ClaimId_1]) AND [IntSchema].[PaymentBatchLine].[TopUpId] IS NULL;

-- reserved top-ups
SELECT [IntSchema].[PaymentBatchLine].[TopUpId]
FROM [IntSchema].[PaymentBatchLine]
WHERE [IntSchema].[PaymentBatchLine].[TopUpId] IN (__[POSTCOMPILE_TopUpId_1]);

-- oldest open batch
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[PaymentBatch].[PaymentBatchId], [IntSchema].[PaymentBatch].[DateCreated]
FROM [IntSchema].[PaymentBatch]
WHERE [IntSchema].[PaymentBatch].[DateCompleted] IS NULL ORDER BY [IntSchema].[PaymentBatch].[PaymentBatchId];

-- batch lines
SELECT [IntSchema].[PaymentBatchLine].[ClaimId], [IntSchema].[PaymentBatchLine].[TopUpId], [IntSchema].[PaymentBatchLine].[ApprovedTotal], [IntSchema].[PaymentBatchLine].[DeductionTotal], [IntSchema].[PaymentBatchLine].[ManuallyProcessedTotal], [IntSchema].[Claim].[Reference], [IntSchema].[Visitor].[Country], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber]
FROM [IntSchema].[PaymentBatchLine] JOIN [IntSchema].[Claim] ON [IntSchema].[Claim].[ClaimId] = [IntSchema].[PaymentBatchLine].[ClaimId] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] LEFT OUTER JOIN [IntSchema].[ClaimBankDetail] ON [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId]
WHERE [IntSchema].[PaymentBatchLine].[PaymentBatchId] = :PaymentBatchId_1 ORDER BY [IntSchema].[PaymentBatchLine].[PaymentBatchLineId];

-- close batch
UPDATE [IntSchema].[PaymentBatch] SET [DateCompleted]=:DateCompleted WHERE [IntSchema].[PaymentBatch].[PaymentBatchId] = :PaymentBatchId_1 AND [IntSchema].[PaymentBatch].[DateCompleted] IS NULL;

-- pay claims
UPDATE [IntSchema].[Claim] SET [PaymentStatus]=:PaymentStatus, [PaymentAmount]=:amount, [TotalAmount]=:total, [PaymentDate]=:now WHERE [IntSchema].[Claim].[ClaimId] = :claim_id AND [IntSchema].[Claim].[PaymentStatus] IS NULL;

-- pay claims with manual part
UPDATE [IntSchema].[Claim] SET [PaymentStatus]=:PaymentStatus, [PaymentAmount]=:amount, [TotalAmount]=:total, [ManuallyProcessedAmount]=:manual, [PaymentDate]=:now WHERE [IntSchema].[Claim].[ClaimId] = :claim_id AND [IntSchema].[Claim].[PaymentStatus] IS NULL;

-- pay top-up
UPDATE [IntSchema].[TopUp] SET [PaymentStatus]=:PaymentStatus, [PaymentDate]=:now WHERE [IntSchema].[TopUp].[TopUpId] = :top_up_id AND [IntSchema].[TopUp].[PaymentStatus] = :param_1;

-- advance claims not reminded
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit], [IntSchema].[Visitor].[EmailAddress] AS [VisitorEmail]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[DateOfJourney] >= :DateOfJourney_1 AND [IntSchema].[Claim].[DateOfJourney] < :DateOfJourney_2 AND [IntSchema].[Claim].[IsAdvanceClaim] = 1 AND [IntSchema].[Claim].[Status] = :param_1 AND NOT (EXISTS (SELECT *
FROM [IntSchema].[Task]
WHERE [IntSchema].[Task].[ClaimId] = [IntSchema].[Claim].[ClaimId] AND [IntSchema].[Task].[Task] = :param_2 AND ([IntSchema].[Task].[AdditionalData] LIKE '%' + :AdditionalData_1 ESCAPE '/'))) ORDER BY [IntSchema].[Claim].[ClaimId];

-- claims awaiting information, none queued
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit], [IntSchema].[Visitor].[EmailAddress] AS [VisitorEmail]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[LastUpdated] < :LastUpdated_1 AND ([IntSchema].[Claim].[ReminderSent] = 0 OR [IntSchema].[Claim].[ReminderSent] IS NULL) AND ([IntSchema].[Claim].[Status] = :param_1 OR [IntSchema].[Claim].[Status] = :param_2 OR [IntSchema].[Claim].[Status] = :param_3) AND NOT (EXISTS (SELECT *
FROM [IntSchema].[Task]
WHERE [IntSchema].[Task].[ClaimId] = [IntSchema].[Claim].[ClaimId] AND [IntSchema].[Task].[Task] = :param_4 AND ([IntSchema].[Task].[Status] = :param_5 OR [IntSchema].[Task].[Status] = :param_6))) ORDER BY [IntSchema].[Claim].[ClaimId];

-- reject waiting claim
UPDATE [IntSchema].[Claim] SET [ReminderSent]=:ReminderSent, [Status]=:Status, [DateReminderSent]=:DateReminderSent, [LastUpdated]=:LastUpdated WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 AND [IntSchema].[Claim].[ReminderSent] = 1 AND ([IntSchema].[Claim].[Status] = :param_1 OR [IntSchema].[Claim].[Status] = :param_2 OR [IntSchema].[Claim].[Status] = :param_3);

-- unfinished complete claims
SELECT DISTINCT [ExtSchema].[Task].[EligibilityId], [ExtSchema].[Task].[ClaimId]
FROM [ExtSchema].[Task]
WHERE [ExtSchema].[Task].[Task] = :param_1 AND [ExtSchema].[Task].[Status] != :param_2;

-- claims to archive
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Claim].[ClaimId]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[DateReviewed] < :DateReviewed_1 ORDER BY [IntSchema].[Claim].[ClaimId];

-- claim state
SELECT [IntSchema].[Claim].[Status], [IntSchema].[Claim].[LastUpdated]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- last success
SELECT [IntSchema].[JobHistory].[LastSuccessDate]
FROM [IntSchema].[JobHistory]
WHERE [IntSchema].[JobHistory].[JobName] = :JobName_1;

-- update success
UPDATE [IntSchema].[JobHistory] SET [LastSuccessDate]=:LastSuccessDate WHERE [IntSchema].[JobHistory].[JobName] = :JobName_1;

-- insert success
INSERT INTO [IntSchema].[JobHistory] ([JobName], [LastSuccessDate]) VALUES (:JobName, :LastSuccessDate);
