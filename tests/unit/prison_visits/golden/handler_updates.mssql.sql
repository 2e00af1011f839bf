-- claim status
SELECT [IntSchema].[Claim].[Status]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- guarded status update
UPDATE [IntSchema].[Claim] SET [ReminderSent]=:ReminderSent, [Status]=:Status, [DateReminderSent]=:DateReminderSent WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 AND ([IntSchema].[Claim].[Status] = :param_1 OR [IntSchema].[Claim].[Status] = :param_2);

-- price expense
UPDATE [IntSchema].[ClaimExpense] SET [Cost]=:cost, [FromPostCode]=:from_post_code, [ToPostCode]=:to_post_code, [Distance]=:distance WHERE [IntSchema].[ClaimExpense].[ClaimExpenseId] = :claim_expense_id;

-- bank detail by id
UPDATE [IntSchema].[ClaimBankDetail] SET [AccountNumber]=:AccountNumber, [SortCode]=:SortCode, [NameOnAccount]=:NameOnAccount, [RollNumber]=:RollNumber WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1 AND [IntSchema].[ClaimBankDetail].[Reference] = :param_1 AND [IntSchema].[ClaimBankDetail].[ClaimBankDetailId] = :ClaimBankDetailId_1;

-- follow-on task, while the claim exists
INSERT INTO [IntSchema].[Task] ([Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData], [DateCreated], [Status], [NextAttemptDate]) SELECT :Task_0 AS [Task], :Reference_0 AS [Reference], :EligibilityId_0 AS [EligibilityId], :ClaimId_0 AS [ClaimId], :AdditionalData_0 AS [AdditionalData], :now AS [DateCreated], :status AS [Status], :NextAttemptDate_0 AS [NextAttemptDate]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id;

-- follow-on tasks, while the claim exists
INSERT INTO [IntSchema].[Task] ([Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData], [DateCreated], [Status], [NextAttemptDate]) SELECT :Task_0 AS [Task], :Reference_0 AS [Reference], :EligibilityId_0 AS [EligibilityId], :ClaimId_0 AS [ClaimId], :AdditionalData_0 AS [AdditionalData], :now AS [DateCreated], :status AS [Status], :NextAttemptDate_0 AS [NextAttemptDate]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id UNION ALL SELECT :Task_1 AS [Task], :Reference_1 AS [Reference], :EligibilityId_1 AS [EligibilityId], :ClaimId_1 AS [ClaimId], :AdditionalData_1 AS [AdditionalData], :now AS [DateCreated], :status AS [Status], :NextAttemptDate_1 AS [NextAttemptDate]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id;
