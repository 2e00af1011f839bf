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
