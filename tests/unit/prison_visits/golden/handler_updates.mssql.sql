-- claim status
SELECT [IntSchema].[Claim].[Status]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- guarded status update
UPDATE [IntSchema].[Claim] SET [ReminderSent]=:ReminderSent, [Status]=:Status, [DateReminderSent]=:DateReminderSent WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 AND ([IntSchema].[Claim].[Status] = :param_1 OR [IntSchema].[Claim].[Status] = :param_2);

-- price expense
UPDATE [IntSchema].[ClaimExpense] SET [Cost]=:Cost, [FromPostCode]=:FromPostCode, [ToPostCode]=:ToPostCode, [Distance]=:Distance WHERE [IntSchema].[ClaimExpense].[ClaimExpenseId] = :ClaimExpenseId_1;

-- bank detail by id
UPDATE [IntSchema].[ClaimBankDetail] SET [AccountNumber]=:AccountNumber, [SortCode]=:SortCode, [NameOnAccount]=:NameOnAccount, [RollNumber]=:RollNumber WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1 AND [IntSchema].[ClaimBankDetail].[Reference] = :param_1 AND [IntSchema].[ClaimBankDetail].[ClaimBankDetailId] = :ClaimBankDetailId_1;

-- follow-on task, while the claim exists
INSERT INTO [IntSchema].[Task] ([Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData], [DateCreated], [Status], [NextAttemptDate]) SELECT :param_1 AS [Task], :param_2 AS [Reference], :param_3 AS [EligibilityId], :param_4 AS [ClaimId], :param_5 AS [AdditionalData], :param_6 AS [DateCreated], :param_7 AS [Status], :param_8 AS [NextAttemptDate]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- follow-on tasks, while the claim exists
INSERT INTO [IntSchema].[Task] ([Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData], [DateCreated], [Status], [NextAttemptDate]) SELECT :param_1 AS [Task], :param_2 AS [Reference], :param_3 AS [EligibilityId], :param_4 AS [ClaimId], :param_5 AS [AdditionalData], :param_6 AS [DateCreated], :param_7 AS [Status], :param_8 AS [NextAttemptDate]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 UNION ALL SELECT :param_9 AS [Task], :param_10 AS [Reference], :param_11 AS [EligibilityId], :param_12 AS [ClaimId], :param_13 AS [AdditionalData], :param_14 AS [DateCreated], :param_15 AS [Status], :param_16 AS [NextAttemptDate]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_2;
