-- claim by id
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[Claim].[ClaimId];

-- enabled expenses
SELECT [IntSchema].[ClaimExpense].[ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId], [IntSchema].[ClaimExpense].[ClaimId], [IntSchema].[ClaimExpense].[Reference], [IntSchema].[ClaimExpense].[ExpenseType], [IntSchema].[ClaimExpense].[Cost], [IntSchema].[ClaimExpense].[TravelTime], [IntSchema].[ClaimExpense].[From], [IntSchema].[ClaimExpense].[To], [IntSchema].[ClaimExpense].[TicketType], [IntSchema].[ClaimExpense].[ReturnTime], [IntSchema].[ClaimExpense].[IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode], [IntSchema].[ClaimExpense].[Distance], [IntSchema].[ClaimExpense].[ApprovedCost], [IntSchema].[ClaimExpense].[Status]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :ClaimId_1 AND [IntSchema].[ClaimExpense].[IsEnabled] = 1 ORDER BY [IntSchema].[ClaimExpense].[ClaimExpenseId];

-- visitor by eligibility
SELECT [IntSchema].[Visitor].[VisitorId], [IntSchema].[Visitor].[EligibilityId], [IntSchema].[Visitor].[Reference], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[NationalInsuranceNumber], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[Visitor].[EmailAddress], [IntSchema].[Visitor].[PhoneNumber], [IntSchema].[Visitor].[DateOfBirth], [IntSchema].[Visitor].[Relationship], [IntSchema].[Visitor].[Benefit], [IntSchema].[Visitor].[BenefitOwner], [IntSchema].[Visitor].[DWPBenefitCheckerResult], [IntSchema].[Visitor].[DWPCheck], [IntSchema].[Visitor].[BenefitExpiryDate]
FROM [IntSchema].[Visitor]
WHERE [IntSchema].[Visitor].[Reference] = :param_1 AND [IntSchema].[Visitor].[EligibilityId] = :EligibilityId_1 ORDER BY [IntSchema].[Visitor].[VisitorId];

-- enabled documents
SELECT [IntSchema].[ClaimDocument].[ClaimDocumentId], [IntSchema].[ClaimDocument].[EligibilityId], [IntSchema].[ClaimDocument].[ClaimId], [IntSchema].[ClaimDocument].[ClaimExpenseId], [IntSchema].[ClaimDocument].[Reference], [IntSchema].[ClaimDocument].[DocumentType], [IntSchema].[ClaimDocument].[DocumentStatus], [IntSchema].[ClaimDocument].[Filepath], [IntSchema].[ClaimDocument].[DateSubmitted], [IntSchema].[ClaimDocument].[IsEnabled], [IntSchema].[ClaimDocument].[Caseworker], [IntSchema].[ClaimDocument].[Status]
FROM [IntSchema].[ClaimDocument]
WHERE [IntSchema].[ClaimDocument].[Reference] = :param_1 AND [IntSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1 AND ([IntSchema].[ClaimDocument].[ClaimId] = :ClaimId_1 OR [IntSchema].[ClaimDocument].[ClaimId] IS NULL) AND [IntSchema].[ClaimDocument].[IsEnabled] = 1 ORDER BY [IntSchema].[ClaimDocument].[ClaimDocumentId];

-- all documents
SELECT [IntSchema].[ClaimDocument].[ClaimDocumentId], [IntSchema].[ClaimDocument].[EligibilityId], [IntSchema].[ClaimDocument].[ClaimId], [IntSchema].[ClaimDocument].[ClaimExpenseId], [IntSchema].[ClaimDocument].[Reference], [IntSchema].[ClaimDocument].[DocumentType], [IntSchema].[ClaimDocument].[DocumentStatus], [IntSchema].[ClaimDocument].[Filepath], [IntSchema].[ClaimDocument].[DateSubmitted], [IntSchema].[ClaimDocument].[IsEnabled], [IntSchema].[ClaimDocument].[Caseworker], [IntSchema].[ClaimDocument].[Status]
FROM [IntSchema].[ClaimDocument]
WHERE [IntSchema].[ClaimDocument].[Reference] = :param_1 AND [IntSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1 AND ([IntSchema].[ClaimDocument].[ClaimId] = :ClaimId_1 OR [IntSchema].[ClaimDocument].[ClaimId] IS NULL) ORDER BY [IntSchema].[ClaimDocument].[ClaimDocumentId];

-- newest contact update
SELECT TOP __[POSTCOMPILE_param_1] [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityVisitorUpdateContactDetailId], [ExtSchema].[EligibilityVisitorUpdateContactDetail].[Reference], [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityId], [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EmailAddress], [ExtSchema].[EligibilityVisitorUpdateContactDetail].[PhoneNumber], [ExtSchema].[EligibilityVisitorUpdateContactDetail].[DateSubmitted]
FROM [ExtSchema].[EligibilityVisitorUpdateContactDetail]
WHERE [ExtSchema].[EligibilityVisitorUpdateContactDetail].[Reference] = :param_2 AND [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityId] = :EligibilityId_1 ORDER BY [ExtSchema].[EligibilityVisitorUpdateContactDetail].[DateSubmitted] DESC, [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityVisitorUpdateContactDetailId] DESC;

-- apply contact update
UPDATE [IntSchema].[Visitor] SET [EmailAddress]=:EmailAddress, [PhoneNumber]=:PhoneNumber WHERE [IntSchema].[Visitor].[EligibilityId] = :EligibilityId_1 AND [IntSchema].[Visitor].[Reference] = :param_1;

-- insert event
INSERT INTO [IntSchema].[ClaimEvent] ([ClaimId]) OUTPUT inserted.[ClaimEventId] VALUES (:ClaimId);

-- insert internal claim
INSERT INTO [IntSchema].[Claim] ([ClaimId]) VALUES (:ClaimId);

-- update status
UPDATE [IntSchema].[Claim] SET [ReminderSent]=:ReminderSent, [Status]=:Status, [DateReminderSent]=:DateReminderSent, [LastUpdated]=:LastUpdated WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- update status to pending
UPDATE [IntSchema].[Claim] SET [ReminderSent]=:ReminderSent, [Status]=:Status, [DateReminderSent]=:DateReminderSent WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- claims for eligibility
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[EligibilityId] = :EligibilityId_1 ORDER BY CASE WHEN ([IntSchema].[Claim].[DateReviewed] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Claim].[DateReviewed] DESC, [IntSchema].[Claim].[ClaimId] DESC;

-- prison numbers visited on
SELECT DISTINCT [IntSchema].[Prisoner].[PrisonNumber]
FROM [IntSchema].[Prisoner]
WHERE [IntSchema].[Prisoner].[EligibilityId] IN (SELECT [IntSchema].[Claim].[EligibilityId]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[DateOfJourney] >= :DateOfJourney_1 AND [IntSchema].[Claim].[DateOfJourney] < :DateOfJourney_2) ORDER BY [IntSchema].[Prisoner].[PrisonNumber];

-- auto-approval config
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[AutoApprovalConfig].[AutoApprovalConfigId], [IntSchema].[AutoApprovalConfig].[MaxDaysAfterAPVUVisit], [IntSchema].[AutoApprovalConfig].[MaxNumberOfClaimsPerYear], [IntSchema].[AutoApprovalConfig].[MaxNumberOfClaimsPerMonth], [IntSchema].[AutoApprovalConfig].[Caseworker], [IntSchema].[AutoApprovalConfig].[RulesDisabled], [IntSchema].[AutoApprovalConfig].[DateCreated], [IntSchema].[AutoApprovalConfig].[CostVariancePercentage], [IntSchema].[AutoApprovalConfig].[MaxClaimTotal], [IntSchema].[AutoApprovalConfig].[AutoApprovalEnabled], [IntSchema].[AutoApprovalConfig].[IsEnabled], [IntSchema].[AutoApprovalConfig].[NumberOfConsecutiveAutoApprovals], [IntSchema].[AutoApprovalConfig].[CostPerMile]
FROM [IntSchema].[AutoApprovalConfig]
WHERE [IntSchema].[AutoApprovalConfig].[IsEnabled] = 1 ORDER BY [IntSchema].[AutoApprovalConfig].[DateCreated] DESC, [IntSchema].[AutoApprovalConfig].[AutoApprovalConfigId] DESC;

-- queued auto-approvals
SELECT [IntSchema].[AutoApproval].[AutoApprovalId], [IntSchema].[AutoApproval].[EligibilityId], [IntSchema].[AutoApproval].[ClaimId], [IntSchema].[AutoApproval].[Reference], [IntSchema].[AutoApproval].[EmailAddress], [IntSchema].[AutoApproval].[DateAdded]
FROM [IntSchema].[AutoApproval] ORDER BY [IntSchema].[AutoApproval].[DateAdded], [IntSchema].[AutoApproval].[AutoApprovalId];

-- delete auto-approval
DELETE FROM [IntSchema].[AutoApproval] WHERE [IntSchema].[AutoApproval].[AutoApprovalId] = :AutoApprovalId_1;

-- draw document id
INSERT INTO [ExtSchema].[ClaimDocument] ([EligibilityId], [Reference], [DocumentType], [DocumentStatus], [IsEnabled]) OUTPUT inserted.[ClaimDocumentId] VALUES (:EligibilityId, :Reference, :DocumentType, :DocumentStatus, :IsEnabled);

-- delete drawn document
DELETE FROM [ExtSchema].[ClaimDocument] WHERE [ExtSchema].[ClaimDocument].[ClaimDocumentId] = :ClaimDocumentId_1;

-- external documents
SELECT [ExtSchema].[ClaimDocument].[ClaimDocumentId], [ExtSchema].[ClaimDocument].[EligibilityId], [ExtSchema].[ClaimDocument].[ClaimId], [ExtSchema].[ClaimDocument].[ClaimExpenseId], [ExtSchema].[ClaimDocument].[Reference], [ExtSchema].[ClaimDocument].[DocumentType], [ExtSchema].[ClaimDocument].[DocumentStatus], [ExtSchema].[ClaimDocument].[Filepath], [ExtSchema].[ClaimDocument].[DateSubmitted], [ExtSchema].[ClaimDocument].[IsEnabled]
FROM [ExtSchema].[ClaimDocument]
WHERE [ExtSchema].[ClaimDocument].[Reference] = :param_1 AND [ExtSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1 AND ([ExtSchema].[ClaimDocument].[ClaimId] = :ClaimId_1 OR [ExtSchema].[ClaimDocument].[ClaimId] IS NULL) AND [ExtSchema].[ClaimDocument].[IsEnabled] = 1 ORDER BY [ExtSchema].[ClaimDocument].[ClaimDocumentId];

-- external eligibility documents
SELECT [ExtSchema].[ClaimDocument].[ClaimDocumentId], [ExtSchema].[ClaimDocument].[EligibilityId], [ExtSchema].[ClaimDocument].[ClaimId], [ExtSchema].[ClaimDocument].[ClaimExpenseId], [ExtSchema].[ClaimDocument].[Reference], [ExtSchema].[ClaimDocument].[DocumentType], [ExtSchema].[ClaimDocument].[DocumentStatus], [ExtSchema].[ClaimDocument].[Filepath], [ExtSchema].[ClaimDocument].[DateSubmitted], [ExtSchema].[ClaimDocument].[IsEnabled]
FROM [ExtSchema].[ClaimDocument]
WHERE [ExtSchema].[ClaimDocument].[Reference] = :param_1 AND [ExtSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1 AND [ExtSchema].[ClaimDocument].[ClaimId] IS NULL AND [ExtSchema].[ClaimDocument].[IsEnabled] = 1 ORDER BY [ExtSchema].[ClaimDocument].[ClaimDocumentId];

-- disable internal documents
UPDATE [IntSchema].[ClaimDocument] SET [IsEnabled]=:IsEnabled WHERE [IntSchema].[ClaimDocument].[ClaimDocumentId] IN (__[POSTCOMPILE_ClaimDocumentId_1]);

-- delete external documents
DELETE FROM [ExtSchema].[ClaimDocument] WHERE [ExtSchema].[ClaimDocument].[ClaimDocumentId] IN (__[POSTCOMPILE_ClaimDocumentId_1]);

-- external bank detail
SELECT TOP __[POSTCOMPILE_param_1] [ExtSchema].[ClaimBankDetail].[ClaimBankDetailId], [ExtSchema].[ClaimBankDetail].[EligibilityId], [ExtSchema].[ClaimBankDetail].[ClaimId], [ExtSchema].[ClaimBankDetail].[Reference], [ExtSchema].[ClaimBankDetail].[AccountNumber], [ExtSchema].[ClaimBankDetail].[SortCode], [ExtSchema].[ClaimBankDetail].[NameOnAccount], [ExtSchema].[ClaimBankDetail].[RollNumber]
FROM [ExtSchema].[ClaimBankDetail]
WHERE [ExtSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1 ORDER BY [ExtSchema].[ClaimBankDetail].[ClaimBankDetailId] DESC;

-- update bank detail
UPDATE [IntSchema].[ClaimBankDetail] SET [AccountNumber]=:AccountNumber, [SortCode]=:SortCode, [NameOnAccount]=:NameOnAccount, [RollNumber]=:RollNumber WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1 AND [IntSchema].[ClaimBankDetail].[Reference] = :param_1;

-- dwp check input
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Visitor].[VisitorId], [IntSchema].[Visitor].[EmailAddress], [IntSchema].[Visitor].[Benefit], [IntSchema].[Visitor].[BenefitOwner], [IntSchema].[Visitor].[LastName] AS visitor_last_name, [IntSchema].[Visitor].[NationalInsuranceNumber] AS visitor_nino, [IntSchema].[Visitor].[DateOfBirth] AS visitor_date_of_birth, [IntSchema].[Benefit].[LastName] AS holder_last_name, [IntSchema].[Benefit].[NationalInsuranceNumber] AS holder_nino, [IntSchema].[Benefit].[DateOfBirth] AS holder_date_of_birth
FROM [IntSchema].[Eligibility] JOIN [IntSchema].[Claim] ON [IntSchema].[Claim].[EligibilityId] = [IntSchema].[Eligibility].[EligibilityId] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Eligibility].[EligibilityId] LEFT OUTER JOIN [IntSchema].[Benefit] ON [IntSchema].[Benefit].[EligibilityId] = [IntSchema].[Eligibility].[EligibilityId]
WHERE [IntSchema].[Eligibility].[Reference] = :param_2 AND [IntSchema].[Eligibility].[EligibilityId] = :EligibilityId_1 AND [IntSchema].[Claim].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[Visitor].[VisitorId], [IntSchema].[Benefit].[BenefitId];

-- record dwp result
UPDATE [IntSchema].[Visitor] SET [DWPBenefitCheckerResult]=:DWPBenefitCheckerResult, [DWPCheck]=:DWPCheck WHERE [IntSchema].[Visitor].[VisitorId] = :VisitorId_1;

-- all claim expenses
SELECT [IntSchema].[ClaimExpense].[ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId], [IntSchema].[ClaimExpense].[ClaimId], [IntSchema].[ClaimExpense].[Reference], [IntSchema].[ClaimExpense].[ExpenseType], [IntSchema].[ClaimExpense].[Cost], [IntSchema].[ClaimExpense].[TravelTime], [IntSchema].[ClaimExpense].[From], [IntSchema].[ClaimExpense].[To], [IntSchema].[ClaimExpense].[TicketType], [IntSchema].[ClaimExpense].[ReturnTime], [IntSchema].[ClaimExpense].[IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode], [IntSchema].[ClaimExpense].[Distance], [IntSchema].[ClaimExpense].[ApprovedCost], [IntSchema].[ClaimExpense].[Status]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[ClaimExpense].[ClaimExpenseId];

-- auto-approve claim
UPDATE [IntSchema].[Claim] SET [VisitConfirmationCheck]=:VisitConfirmationCheck, [Status]=:Status, [DateReviewed]=:DateReviewed, [DateApproved]=:DateApproved WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 AND [IntSchema].[Claim].[Status] = :param_1;

-- approve all expenses
UPDATE [IntSchema].[ClaimExpense] SET [ApprovedCost]=[IntSchema].[ClaimExpense].[Cost], [Status]=:Status WHERE [IntSchema].[ClaimExpense].[ClaimId] = :ClaimId_1;

-- latest claim statuses
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Claim].[Status]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[Reference] = :param_2 AND [IntSchema].[Claim].[ClaimId] != :ClaimId_1 ORDER BY CASE WHEN ([IntSchema].[Claim].[DateSubmitted] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Claim].[DateSubmitted] DESC, [IntSchema].[Claim].[ClaimId] DESC;

-- recover reference
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Visitor].[Reference], [IntSchema].[Visitor].[FirstName]
FROM [IntSchema].[Visitor] JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[EligibilityId] = [IntSchema].[Visitor].[EligibilityId] JOIN [IntSchema].[Eligibility] ON [IntSchema].[Eligibility].[EligibilityId] = [IntSchema].[Visitor].[EligibilityId]
WHERE [IntSchema].[Visitor].[EmailAddress] = :param_2 AND [IntSchema].[Prisoner].[PrisonNumber] = :param_3 ORDER BY CASE WHEN ([IntSchema].[Eligibility].[DateSubmitted] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Eligibility].[DateSubmitted] DESC, [IntSchema].[Eligibility].[EligibilityId] DESC;

-- claimant summary
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[EmailAddress], [IntSchema].[Visitor].[Town], [IntSchema].[Prisoner].[NameOfPrison]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] LEFT OUTER JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[Visitor].[VisitorId], [IntSchema].[Prisoner].[PrisonerId];

-- internal bank detail
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[ClaimBankDetail].[ClaimBankDetailId], [IntSchema].[ClaimBankDetail].[EligibilityId], [IntSchema].[ClaimBankDetail].[ClaimId], [IntSchema].[ClaimBankDetail].[Reference], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[RollNumber]
FROM [IntSchema].[ClaimBankDetail]
WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[ClaimBankDetail].[ClaimBankDetailId];

-- enabled deductions
SELECT [IntSchema].[ClaimDeduction].[ClaimDeductionId], [IntSchema].[ClaimDeduction].[EligibilityId], [IntSchema].[ClaimDeduction].[ClaimId], [IntSchema].[ClaimDeduction].[Reference], [IntSchema].[ClaimDeduction].[DeductionType], [IntSchema].[ClaimDeduction].[Amount], [IntSchema].[ClaimDeduction].[IsEnabled]
FROM [IntSchema].[ClaimDeduction]
WHERE [IntSchema].[ClaimDeduction].[ClaimId] = :ClaimId_1 AND [IntSchema].[ClaimDeduction].[IsEnabled] = 1 ORDER BY [IntSchema].[ClaimDeduction].[ClaimDeductionId];

-- mark reminder sent
UPDATE [IntSchema].[Claim] SET [ReminderSent]=:ReminderSent, [DateReminderSent]=:DateReminderSent WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- advance claims journeyed between
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit], [IntSchema].[Visitor].[EmailAddress] AS [VisitorEmail]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[DateOfJourney] >= :DateOfJourney_1 AND [IntSchema].[Claim].[DateOfJourney] < :DateOfJourney_2 AND [IntSchema].[Claim].[IsAdvanceClaim] = 1 AND [IntSchema].[Claim].[Status] = :param_1 ORDER BY [IntSchema].[Claim].[ClaimId];

-- claims awaiting information
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit], [IntSchema].[Visitor].[EmailAddress] AS [VisitorEmail]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[LastUpdated] < :LastUpdated_1 AND ([IntSchema].[Claim].[ReminderSent] = 0 OR [IntSchema].[Claim].[ReminderSent] IS NULL) AND ([IntSchema].[Claim].[Status] = :param_1 OR [IntSchema].[Claim].[Status] = :param_2 OR [IntSchema].[Claim].[Status] = :param_3) ORDER BY [IntSchema].[Claim].[ClaimId];

-- claims reminded before
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit], [IntSchema].[Visitor].[EmailAddress] AS [VisitorEmail]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[DateReminderSent] < :DateReminderSent_1 AND [IntSchema].[Claim].[ReminderSent] = 1 AND ([IntSchema].[Claim].[Status] = :param_1 OR [IntSchema].[Claim].[Status] = :param_2 OR [IntSchema].[Claim].[Status] = :param_3) ORDER BY [IntSchema].[Claim].[ClaimId];

-- overpayment candidates
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], sum([IntSchema].[ClaimExpense].[ApprovedCost]) AS [Amount]
FROM [IntSchema].[Claim] JOIN [IntSchema].[ClaimExpense] ON [IntSchema].[ClaimExpense].[ClaimId] = [IntSchema].[Claim].[ClaimId]
WHERE [IntSchema].[Claim].[IsAdvanceClaim] = 1 AND [IntSchema].[Claim].[Status] = :param_1 AND [IntSchema].[ClaimExpense].[IsEnabled] = 1 AND ([IntSchema].[Claim].[IsOverpaid] = 0 OR [IntSchema].[Claim].[IsOverpaid] IS NULL) AND [IntSchema].[Claim].[DateOfJourney] <= :DateOfJourney_1 GROUP BY [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference] ORDER BY [IntSchema].[Claim].[ClaimId];

-- mark overpaid
UPDATE [IntSchema].[Claim] SET [IsOverpaid]=:IsOverpaid, [OverpaymentReason]=:OverpaymentReason, [OverpaymentAmount]=:OverpaymentAmount, [RemainingOverpaymentAmount]=:RemainingOverpaymentAmount WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1 AND [IntSchema].[Claim].[Reference] = :param_1 AND ([IntSchema].[Claim].[IsOverpaid] = 0 OR [IntSchema].[Claim].[IsOverpaid] IS NULL);

-- stale external eligibilities
SELECT [ExtSchema].[Eligibility].[Reference], [ExtSchema].[Eligibility].[EligibilityId], [ExtSchema].[Claim].[ClaimId]
FROM [ExtSchema].[Eligibility] LEFT OUTER JOIN [ExtSchema].[Claim] ON [ExtSchema].[Claim].[EligibilityId] = [ExtSchema].[Eligibility].[EligibilityId]
WHERE [ExtSchema].[Eligibility].[DateCreated] < :DateCreated_1 ORDER BY [ExtSchema].[Eligibility].[EligibilityId], [ExtSchema].[Claim].[ClaimId];

-- stale external claims
SELECT [ExtSchema].[Claim].[Reference], [ExtSchema].[Claim].[EligibilityId], [ExtSchema].[Claim].[ClaimId]
FROM [ExtSchema].[Claim]
WHERE [ExtSchema].[Claim].[DateCreated] < :DateCreated_1 ORDER BY [ExtSchema].[Claim].[ClaimId];

-- stale external documents
SELECT [ExtSchema].[ClaimDocument].[Reference], [ExtSchema].[ClaimDocument].[EligibilityId], [ExtSchema].[ClaimDocument].[ClaimId]
FROM [ExtSchema].[ClaimDocument]
WHERE [ExtSchema].[ClaimDocument].[DateSubmitted] < :DateSubmitted_1 ORDER BY [ExtSchema].[ClaimDocument].[ClaimDocumentId];

-- claims reviewed before
SELECT [IntSchema].[Claim].[ClaimId]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[DateReviewed] < :DateReviewed_1 ORDER BY [IntSchema].[Claim].[ClaimId];

-- claims due payment
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber], sum([IntSchema].[ClaimExpense].[ApprovedCost]) AS [TotalApprovedCost], (SELECT sum([IntSchema].[ClaimDeduction].[Amount]) AS sum_1
FROM [IntSchema].[ClaimDeduction]
WHERE [IntSchema].[ClaimDeduction].[ClaimId] = [IntSchema].[Claim].[ClaimId] AND [IntSchema].[ClaimDeduction].[IsEnabled] = 1) AS [TotalDeductionAmount], sum(CASE WHEN ([IntSchema].[ClaimExpense].[Status] = :param_1) THEN [IntSchema].[ClaimExpense].[ApprovedCost] END) AS [ManuallyProcessedCost]
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[ClaimBankDetail] ON [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] JOIN [IntSchema].[ClaimExpense] ON [IntSchema].[ClaimExpense].[ClaimId] = [IntSchema].[Claim].[ClaimId]
WHERE ([IntSchema].[Claim].[Status] = :param_2 OR [IntSchema].[Claim].[Status] = :param_3 OR [IntSchema].[Claim].[DateApproved] IS NOT NULL) AND ([IntSchema].[ClaimExpense].[Status] = :param_4 OR [IntSchema].[ClaimExpense].[Status] = :param_5 OR [IntSchema].[ClaimExpense].[Status] = :param_6) AND [IntSchema].[Claim].[PaymentMethod] = :param_7 AND [IntSchema].[Claim].[PaymentStatus] IS NULL GROUP BY [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber] ORDER BY [IntSchema].[Claim].[ClaimId];

-- top-ups due payment
SELECT [IntSchema].[TopUp].[TopUpId], [IntSchema].[TopUp].[TopUpAmount], [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[RollNumber]
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[ClaimBankDetail] ON [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] JOIN [IntSchema].[TopUp] ON [IntSchema].[TopUp].[ClaimId] = [IntSchema].[Claim].[ClaimId]
WHERE [IntSchema].[TopUp].[PaymentStatus] = :param_1 AND [IntSchema].[Claim].[PaymentMethod] = :param_2 AND [IntSchema].[TopUp].[PaymentDate] IS NULL ORDER BY [IntSchema].[TopUp].[TopUpId];

-- payment files created before
SELECT [IntSchema].[DirectPaymentFile].[PaymentFileId], [IntSchema].[DirectPaymentFile].[FileType], [IntSchema].[DirectPaymentFile].[Filepath], [IntSchema].[DirectPaymentFile].[DateCreated], [IntSchema].[DirectPaymentFile].[IsEnabled]
FROM [IntSchema].[DirectPaymentFile]
WHERE [IntSchema].[DirectPaymentFile].[DateCreated] < :DateCreated_1 AND [IntSchema].[DirectPaymentFile].[IsEnabled] = 1 ORDER BY [IntSchema].[DirectPaymentFile].[PaymentFileId];

-- disable payment files
UPDATE [IntSchema].[DirectPaymentFile] SET [IsEnabled]=:IsEnabled WHERE [IntSchema].[DirectPaymentFile].[PaymentFileId] IN (__[POSTCOMPILE_PaymentFileId_1]);

-- insert auto-approval
INSERT INTO [IntSchema].[AutoApproval] ([ClaimId]) OUTPUT inserted.[AutoApprovalId] VALUES (:ClaimId);

-- insert payment file
INSERT INTO [IntSchema].[DirectPaymentFile] ([FileType]) OUTPUT inserted.[PaymentFileId] VALUES (:FileType);

-- archive: claim by id
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- archive: claims of eligibility
SELECT count(*) AS count_1
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[EligibilityId] = :EligibilityId_1;

-- archive: existing ids
SELECT [IntSchema].[ClaimEscort].[ClaimEscortId]
FROM [IntSchema].[ClaimEscort]
WHERE [IntSchema].[ClaimEscort].[ClaimEscortId] IN (__[POSTCOMPILE_ClaimEscortId_1]);

-- archive: top-ups of claim
SELECT [IntSchema].[TopUp].[TopUpId], [IntSchema].[TopUp].[ClaimId], [IntSchema].[TopUp].[PaymentStatus], [IntSchema].[TopUp].[Caseworker], [IntSchema].[TopUp].[Reason], [IntSchema].[TopUp].[TopUpAmount], [IntSchema].[TopUp].[DateAdded], [IntSchema].[TopUp].[PaymentDate]
FROM [IntSchema].[TopUp]
WHERE [IntSchema].[TopUp].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[TopUp].[TopUpId];

-- archive: delete 0
DELETE FROM [IntSchema].[ClaimEvent] WHERE [IntSchema].[ClaimEvent].[ClaimId] = :ClaimId_1;

-- archive: delete 1
DELETE FROM [IntSchema].[ClaimEscort] WHERE [IntSchema].[ClaimEscort].[ClaimId] = :ClaimId_1;

-- archive: delete 2
DELETE FROM [IntSchema].[ClaimDeduction] WHERE [IntSchema].[ClaimDeduction].[ClaimId] = :ClaimId_1;

-- archive: delete 3
DELETE FROM [IntSchema].[ClaimChild] WHERE [IntSchema].[ClaimChild].[ClaimId] = :ClaimId_1;

-- archive: delete 4
DELETE FROM [IntSchema].[ClaimBankDetail] WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1;

-- archive: delete 5
DELETE FROM [IntSchema].[TopUp] WHERE [IntSchema].[TopUp].[ClaimId] = :ClaimId_1;

-- archive: delete 6
DELETE FROM [IntSchema].[ClaimDocument] WHERE [IntSchema].[ClaimDocument].[ClaimId] = :ClaimId_1;

-- archive: delete 7
DELETE FROM [IntSchema].[ClaimExpense] WHERE [IntSchema].[ClaimExpense].[ClaimId] = :ClaimId_1;

-- archive: delete 8
DELETE FROM [IntSchema].[Claim] WHERE [IntSchema].[Claim].[ClaimId] = :ClaimId_1;

-- archive: delete 9
DELETE FROM [IntSchema].[ClaimDocument] WHERE [IntSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1;

-- archive: delete 10
DELETE FROM [IntSchema].[Visitor] WHERE [IntSchema].[Visitor].[EligibilityId] = :EligibilityId_1;

-- archive: delete 11
DELETE FROM [IntSchema].[Prisoner] WHERE [IntSchema].[Prisoner].[EligibilityId] = :EligibilityId_1;

-- archive: delete 12
DELETE FROM [IntSchema].[EligibleChild] WHERE [IntSchema].[EligibleChild].[EligibilityId] = :EligibilityId_1;

-- archive: delete 13
DELETE FROM [IntSchema].[Benefit] WHERE [IntSchema].[Benefit].[EligibilityId] = :EligibilityId_1;

-- archive: delete 14
DELETE FROM [IntSchema].[Eligibility] WHERE [IntSchema].[Eligibility].[EligibilityId] = :EligibilityId_1;

-- external delete 0 (claim 2)
DELETE FROM [ExtSchema].[ClaimBankDetail] WHERE [ExtSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1;

-- external delete 1 (claim 2)
DELETE FROM [ExtSchema].[ClaimDocument] WHERE [ExtSchema].[ClaimDocument].[ClaimId] = :ClaimId_1 OR [ExtSchema].[ClaimDocument].[ClaimId] IS NULL AND [ExtSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1;

-- external delete 2 (claim 2)
DELETE FROM [ExtSchema].[ClaimExpense] WHERE [ExtSchema].[ClaimExpense].[ClaimId] = :ClaimId_1;

-- external delete 3 (claim 2)
DELETE FROM [ExtSchema].[ClaimChild] WHERE [ExtSchema].[ClaimChild].[ClaimId] = :ClaimId_1;

-- external delete 4 (claim 2)
DELETE FROM [ExtSchema].[ClaimEscort] WHERE [ExtSchema].[ClaimEscort].[ClaimId] = :ClaimId_1;

-- external delete 5 (claim 2)
DELETE FROM [ExtSchema].[EligibilityVisitorUpdateContactDetail] WHERE [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityId] = :EligibilityId_1;

-- external delete 6 (claim 2)
DELETE FROM [ExtSchema].[Claim] WHERE [ExtSchema].[Claim].[ClaimId] = :ClaimId_1;

-- external delete 7 (claim 2)
DELETE FROM [ExtSchema].[Visitor] WHERE [ExtSchema].[Visitor].[EligibilityId] = :EligibilityId_1;

-- external delete 8 (claim 2)
DELETE FROM [ExtSchema].[Prisoner] WHERE [ExtSchema].[Prisoner].[EligibilityId] = :EligibilityId_1;

-- external delete 9 (claim 2)
DELETE FROM [ExtSchema].[Benefit] WHERE [ExtSchema].[Benefit].[EligibilityId] = :EligibilityId_1;

-- external delete 10 (claim 2)
DELETE FROM [ExtSchema].[EligibleChild] WHERE [ExtSchema].[EligibleChild].[EligibilityId] = :EligibilityId_1;

-- external delete 11 (claim 2)
DELETE FROM [ExtSchema].[Eligibility] WHERE [ExtSchema].[Eligibility].[EligibilityId] = :EligibilityId_1;

-- external delete 0 (claim None)
DELETE FROM [ExtSchema].[ClaimDocument] WHERE [ExtSchema].[ClaimDocument].[ClaimId] IS NULL AND [ExtSchema].[ClaimDocument].[EligibilityId] = :EligibilityId_1;

-- external delete 1 (claim None)
DELETE FROM [ExtSchema].[EligibilityVisitorUpdateContactDetail] WHERE [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityId] = :EligibilityId_1;

-- external delete 2 (claim None)
DELETE FROM [ExtSchema].[Visitor] WHERE [ExtSchema].[Visitor].[EligibilityId] = :EligibilityId_1;

-- external delete 3 (claim None)
DELETE FROM [ExtSchema].[Prisoner] WHERE [ExtSchema].[Prisoner].[EligibilityId] = :EligibilityId_1;

-- external delete 4 (claim None)
DELETE FROM [ExtSchema].[Benefit] WHERE [ExtSchema].[Benefit].[EligibilityId] = :EligibilityId_1;

-- external delete 5 (claim None)
DELETE FROM [ExtSchema].[EligibleChild] WHERE [ExtSchema].[EligibleChild].[EligibilityId] = :EligibilityId_1;

-- external delete 6 (claim None)
DELETE FROM [ExtSchema].[Eligibility] WHERE [ExtSchema].[Eligibility].[EligibilityId] = :EligibilityId_1;
