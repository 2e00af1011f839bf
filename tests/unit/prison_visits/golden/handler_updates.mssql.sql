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
