-- claim by id
SELECT [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[DateCreated], [IntSchema].[Claim].[DateSubmitted], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[RejectionReasonId], [IntSchema].[Claim].[IsOverpaid], [IntSchema].[Claim].[ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker], [IntSchema].[Claim].[PaymentStatus], [IntSchema].[Claim].[Status], [IntSchema].[Claim].[Reason], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[OverpaymentReason], [IntSchema].[Claim].[AssignedTo], [IntSchema].[Claim].[PaymentAmount], [IntSchema].[Claim].[TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed], [IntSchema].[Claim].[PaymentDate], [IntSchema].[Claim].[DateApproved], [IntSchema].[Claim].[AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent], [IntSchema].[Claim].[LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id ORDER BY [IntSchema].[Claim].[ClaimId];

-- claim head (internal)
SELECT [IntSchema].[Claim].[ClaimId] AS [c_ClaimId], [IntSchema].[Claim].[EligibilityId] AS [c_EligibilityId], [IntSchema].[Claim].[Reference] AS [c_Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker] AS [c_AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType] AS [c_ClaimType], [IntSchema].[Claim].[IsAdvanceClaim] AS [c_IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney] AS [c_DateOfJourney], [IntSchema].[Claim].[DateCreated] AS [c_DateCreated], [IntSchema].[Claim].[DateSubmitted] AS [c_DateSubmitted], [IntSchema].[Claim].[PaymentMethod] AS [c_PaymentMethod], [IntSchema].[Claim].[RejectionReasonId] AS [c_RejectionReasonId], [IntSchema].[Claim].[IsOverpaid] AS [c_IsOverpaid], [IntSchema].[Claim].[ReminderSent] AS [c_ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck] AS [c_VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker] AS [c_Caseworker], [IntSchema].[Claim].[PaymentStatus] AS [c_PaymentStatus], [IntSchema].[Claim].[Status] AS [c_Status], [IntSchema].[Claim].[Reason] AS [c_Reason], [IntSchema].[Claim].[Note] AS [c_Note], [IntSchema].[Claim].[OverpaymentReason] AS [c_OverpaymentReason], [IntSchema].[Claim].[AssignedTo] AS [c_AssignedTo], [IntSchema].[Claim].[PaymentAmount] AS [c_PaymentAmount], [IntSchema].[Claim].[TotalAmount] AS [c_TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount] AS [c_ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount] AS [c_OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount] AS [c_RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed] AS [c_DateReviewed], [IntSchema].[Claim].[PaymentDate] AS [c_PaymentDate], [IntSchema].[Claim].[DateApproved] AS [c_DateApproved], [IntSchema].[Claim].[AssignmentExpiry] AS [c_AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent] AS [c_DateReminderSent], [IntSchema].[Claim].[LastUpdated] AS [c_LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit] AS [c_IsIncludedInAudit], [IntSchema].[Eligibility].[EligibilityId] AS [e_EligibilityId], [IntSchema].[Eligibility].[ReferenceDisabled] AS [e_ReferenceDisabled], [IntSchema].[Eligibility].[Reference] AS [e_Reference], [IntSchema].[Eligibility].[UntrustedReason] AS [e_UntrustedReason], [IntSchema].[Eligibility].[Status] AS [e_Status], [IntSchema].[Eligibility].[DisabledReason] AS [e_DisabledReason], [IntSchema].[Eligibility].[ReEnabledReason] AS [e_ReEnabledReason], [IntSchema].[Eligibility].[UntrustedDate] AS [e_UntrustedDate], [IntSchema].[Eligibility].[DateCreated] AS [e_DateCreated], [IntSchema].[Eligibility].[DateSubmitted] AS [e_DateSubmitted], [IntSchema].[Eligibility].[IsTrusted] AS [e_IsTrusted], [IntSchema].[Prisoner].[PrisonerId] AS [p_PrisonerId], [IntSchema].[Prisoner].[EligibilityId] AS [p_EligibilityId], [IntSchema].[Prisoner].[Reference] AS [p_Reference], [IntSchema].[Prisoner].[FirstName] AS [p_FirstName], [IntSchema].[Prisoner].[LastName] AS [p_LastName], [IntSchema].[Prisoner].[DateOfBirth] AS [p_DateOfBirth], [IntSchema].[Prisoner].[PrisonNumber] AS [p_PrisonNumber], [IntSchema].[Prisoner].[NameOfPrison] AS [p_NameOfPrison], [IntSchema].[Prisoner].[NomisCheck] AS [p_NomisCheck], [IntSchema].[Prisoner].[ReleaseDateIsSet] AS [p_ReleaseDateIsSet], [IntSchema].[Prisoner].[ReleaseDate] AS [p_ReleaseDate], [IntSchema].[Visitor].[VisitorId] AS [v_VisitorId], [IntSchema].[Visitor].[EligibilityId] AS [v_EligibilityId], [IntSchema].[Visitor].[Reference] AS [v_Reference], [IntSchema].[Visitor].[FirstName] AS [v_FirstName], [IntSchema].[Visitor].[LastName] AS [v_LastName], [IntSchema].[Visitor].[NationalInsuranceNumber] AS [v_NationalInsuranceNumber], [IntSchema].[Visitor].[HouseNumberAndStreet] AS [v_HouseNumberAndStreet], [IntSchema].[Visitor].[Town] AS [v_Town], [IntSchema].[Visitor].[County] AS [v_County], [IntSchema].[Visitor].[Country] AS [v_Country], [IntSchema].[Visitor].[PostCode] AS [v_PostCode], [IntSchema].[Visitor].[EmailAddress] AS [v_EmailAddress], [IntSchema].[Visitor].[PhoneNumber] AS [v_PhoneNumber], [IntSchema].[Visitor].[DateOfBirth] AS [v_DateOfBirth], [IntSchema].[Visitor].[Relationship] AS [v_Relationship], [IntSchema].[Visitor].[Benefit] AS [v_Benefit], [IntSchema].[Visitor].[BenefitOwner] AS [v_BenefitOwner], [IntSchema].[Visitor].[DWPBenefitCheckerResult] AS [v_DWPBenefitCheckerResult], [IntSchema].[Visitor].[DWPCheck] AS [v_DWPCheck], [IntSchema].[Visitor].[BenefitExpiryDate] AS [v_BenefitExpiryDate], [IntSchema].[Benefit].[BenefitId] AS [b_BenefitId], [IntSchema].[Benefit].[EligibilityId] AS [b_EligibilityId], [IntSchema].[Benefit].[Reference] AS [b_Reference], [IntSchema].[Benefit].[FirstName] AS [b_FirstName], [IntSchema].[Benefit].[LastName] AS [b_LastName], [IntSchema].[Benefit].[NationalInsuranceNumber] AS [b_NationalInsuranceNumber], [IntSchema].[Benefit].[DateOfBirth] AS [b_DateOfBirth], [IntSchema].[ClaimBankDetail].[ClaimBankDetailId] AS [k_ClaimBankDetailId], [IntSchema].[ClaimBankDetail].[EligibilityId] AS [k_EligibilityId], [IntSchema].[ClaimBankDetail].[ClaimId] AS [k_ClaimId], [IntSchema].[ClaimBankDetail].[Reference] AS [k_Reference], [IntSchema].[ClaimBankDetail].[AccountNumber] AS [k_AccountNumber], [IntSchema].[ClaimBankDetail].[SortCode] AS [k_SortCode], [IntSchema].[ClaimBankDetail].[NameOnAccount] AS [k_NameOnAccount], [IntSchema].[ClaimBankDetail].[RollNumber] AS [k_RollNumber]
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[Eligibility] ON [IntSchema].[Eligibility].[EligibilityId] = (SELECT min([first_Eligibility].[EligibilityId]) AS min_1
FROM [IntSchema].[Eligibility] AS [first_Eligibility]
WHERE [first_Eligibility].[Reference] = :reference AND [first_Eligibility].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[PrisonerId] = (SELECT min([first_Prisoner].[PrisonerId]) AS min_2
FROM [IntSchema].[Prisoner] AS [first_Prisoner]
WHERE [first_Prisoner].[Reference] = :reference AND [first_Prisoner].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[VisitorId] = (SELECT min([first_Visitor].[VisitorId]) AS min_3
FROM [IntSchema].[Visitor] AS [first_Visitor]
WHERE [first_Visitor].[Reference] = :reference AND [first_Visitor].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [IntSchema].[Benefit] ON [IntSchema].[Benefit].[BenefitId] = (SELECT min([first_Benefit].[BenefitId]) AS min_4
FROM [IntSchema].[Benefit] AS [first_Benefit]
WHERE [first_Benefit].[Reference] = :reference AND [first_Benefit].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [IntSchema].[ClaimBankDetail] ON [IntSchema].[ClaimBankDetail].[ClaimBankDetailId] = (SELECT min([first_ClaimBankDetail].[ClaimBankDetailId]) AS min_5
FROM [IntSchema].[ClaimBankDetail] AS [first_ClaimBankDetail]
WHERE [first_ClaimBankDetail].[ClaimId] = :claim_id)
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id;

-- claim head (external)
SELECT [ExtSchema].[Claim].[ClaimId] AS [c_ClaimId], [ExtSchema].[Claim].[EligibilityId] AS [c_EligibilityId], [ExtSchema].[Claim].[Reference] AS [c_Reference], [ExtSchema].[Claim].[AssistedDigitalCaseworker] AS [c_AssistedDigitalCaseworker], [ExtSchema].[Claim].[ClaimType] AS [c_ClaimType], [ExtSchema].[Claim].[IsAdvanceClaim] AS [c_IsAdvanceClaim], [ExtSchema].[Claim].[DateOfJourney] AS [c_DateOfJourney], [ExtSchema].[Claim].[DateCreated] AS [c_DateCreated], [ExtSchema].[Claim].[DateSubmitted] AS [c_DateSubmitted], [ExtSchema].[Claim].[PaymentMethod] AS [c_PaymentMethod], [ExtSchema].[Claim].[Status] AS [c_Status], [ExtSchema].[Eligibility].[EligibilityId] AS [e_EligibilityId], [ExtSchema].[Eligibility].[Reference] AS [e_Reference], [ExtSchema].[Eligibility].[DateCreated] AS [e_DateCreated], [ExtSchema].[Eligibility].[DateSubmitted] AS [e_DateSubmitted], [ExtSchema].[Eligibility].[Status] AS [e_Status], [ExtSchema].[Prisoner].[PrisonerId] AS [p_PrisonerId], [ExtSchema].[Prisoner].[EligibilityId] AS [p_EligibilityId], [ExtSchema].[Prisoner].[Reference] AS [p_Reference], [ExtSchema].[Prisoner].[FirstName] AS [p_FirstName], [ExtSchema].[Prisoner].[LastName] AS [p_LastName], [ExtSchema].[Prisoner].[DateOfBirth] AS [p_DateOfBirth], [ExtSchema].[Prisoner].[PrisonNumber] AS [p_PrisonNumber], [ExtSchema].[Prisoner].[NameOfPrison] AS [p_NameOfPrison], [ExtSchema].[Visitor].[VisitorId] AS [v_VisitorId], [ExtSchema].[Visitor].[EligibilityId] AS [v_EligibilityId], [ExtSchema].[Visitor].[Reference] AS [v_Reference], [ExtSchema].[Visitor].[FirstName] AS [v_FirstName], [ExtSchema].[Visitor].[LastName] AS [v_LastName], [ExtSchema].[Visitor].[NationalInsuranceNumber] AS [v_NationalInsuranceNumber], [ExtSchema].[Visitor].[HouseNumberAndStreet] AS [v_HouseNumberAndStreet], [ExtSchema].[Visitor].[Town] AS [v_Town], [ExtSchema].[Visitor].[County] AS [v_County], [ExtSchema].[Visitor].[Country] AS [v_Country], [ExtSchema].[Visitor].[PostCode] AS [v_PostCode], [ExtSchema].[Visitor].[EmailAddress] AS [v_EmailAddress], [ExtSchema].[Visitor].[PhoneNumber] AS [v_PhoneNumber], [ExtSchema].[Visitor].[DateOfBirth] AS [v_DateOfBirth], [ExtSchema].[Visitor].[Relationship] AS [v_Relationship], [ExtSchema].[Visitor].[Benefit] AS [v_Benefit], [ExtSchema].[Visitor].[BenefitOwner] AS [v_BenefitOwner], [ExtSchema].[Benefit].[BenefitId] AS [b_BenefitId], [ExtSchema].[Benefit].[EligibilityId] AS [b_EligibilityId], [ExtSchema].[Benefit].[Reference] AS [b_Reference], [ExtSchema].[Benefit].[FirstName] AS [b_FirstName], [ExtSchema].[Benefit].[LastName] AS [b_LastName], [ExtSchema].[Benefit].[NationalInsuranceNumber] AS [b_NationalInsuranceNumber], [ExtSchema].[Benefit].[DateOfBirth] AS [b_DateOfBirth], [ExtSchema].[ClaimBankDetail].[ClaimBankDetailId] AS [k_ClaimBankDetailId], [ExtSchema].[ClaimBankDetail].[EligibilityId] AS [k_EligibilityId], [ExtSchema].[ClaimBankDetail].[ClaimId] AS [k_ClaimId], [ExtSchema].[ClaimBankDetail].[Reference] AS [k_Reference], [ExtSchema].[ClaimBankDetail].[AccountNumber] AS [k_AccountNumber], [ExtSchema].[ClaimBankDetail].[SortCode] AS [k_SortCode], [ExtSchema].[ClaimBankDetail].[NameOnAccount] AS [k_NameOnAccount], [ExtSchema].[ClaimBankDetail].[RollNumber] AS [k_RollNumber]
FROM [ExtSchema].[Claim] LEFT OUTER JOIN [ExtSchema].[Eligibility] ON [ExtSchema].[Eligibility].[EligibilityId] = (SELECT min([first_Eligibility].[EligibilityId]) AS min_1
FROM [ExtSchema].[Eligibility] AS [first_Eligibility]
WHERE [first_Eligibility].[Reference] = :reference AND [first_Eligibility].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [ExtSchema].[Prisoner] ON [ExtSchema].[Prisoner].[PrisonerId] = (SELECT min([first_Prisoner].[PrisonerId]) AS min_2
FROM [ExtSchema].[Prisoner] AS [first_Prisoner]
WHERE [first_Prisoner].[Reference] = :reference AND [first_Prisoner].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [ExtSchema].[Visitor] ON [ExtSchema].[Visitor].[VisitorId] = (SELECT min([first_Visitor].[VisitorId]) AS min_3
FROM [ExtSchema].[Visitor] AS [first_Visitor]
WHERE [first_Visitor].[Reference] = :reference AND [first_Visitor].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [ExtSchema].[Benefit] ON [ExtSchema].[Benefit].[BenefitId] = (SELECT min([first_Benefit].[BenefitId]) AS min_4
FROM [ExtSchema].[Benefit] AS [first_Benefit]
WHERE [first_Benefit].[Reference] = :reference AND [first_Benefit].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [ExtSchema].[ClaimBankDetail] ON [ExtSchema].[ClaimBankDetail].[ClaimBankDetailId] = (SELECT min([first_ClaimBankDetail].[ClaimBankDetailId]) AS min_5
FROM [ExtSchema].[ClaimBankDetail] AS [first_ClaimBankDetail]
WHERE [first_ClaimBankDetail].[ClaimId] = :claim_id)
WHERE [ExtSchema].[Claim].[ClaimId] = :claim_id;

-- enabled expenses
SELECT [IntSchema].[ClaimExpense].[ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId], [IntSchema].[ClaimExpense].[ClaimId], [IntSchema].[ClaimExpense].[Reference], [IntSchema].[ClaimExpense].[ExpenseType], [IntSchema].[ClaimExpense].[Cost], [IntSchema].[ClaimExpense].[TravelTime], [IntSchema].[ClaimExpense].[From], [IntSchema].[ClaimExpense].[To], [IntSchema].[ClaimExpense].[TicketType], [IntSchema].[ClaimExpense].[ReturnTime], [IntSchema].[ClaimExpense].[IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode], [IntSchema].[ClaimExpense].[Distance], [IntSchema].[ClaimExpense].[ApprovedCost], [IntSchema].[ClaimExpense].[Status]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :claim_id AND [IntSchema].[ClaimExpense].[IsEnabled] = 1 ORDER BY [IntSchema].[ClaimExpense].[ClaimExpenseId];

-- visitor by eligibility
SELECT [IntSchema].[Visitor].[VisitorId], [IntSchema].[Visitor].[EligibilityId], [IntSchema].[Visitor].[Reference], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[LastName], [IntSchema].[Visitor].[NationalInsuranceNumber], [IntSchema].[Visitor].[HouseNumberAndStreet], [IntSchema].[Visitor].[Town], [IntSchema].[Visitor].[County], [IntSchema].[Visitor].[Country], [IntSchema].[Visitor].[PostCode], [IntSchema].[Visitor].[EmailAddress], [IntSchema].[Visitor].[PhoneNumber], [IntSchema].[Visitor].[DateOfBirth], [IntSchema].[Visitor].[Relationship], [IntSchema].[Visitor].[Benefit], [IntSchema].[Visitor].[BenefitOwner], [IntSchema].[Visitor].[DWPBenefitCheckerResult], [IntSchema].[Visitor].[DWPCheck], [IntSchema].[Visitor].[BenefitExpiryDate]
FROM [IntSchema].[Visitor]
WHERE [IntSchema].[Visitor].[Reference] = :reference AND [IntSchema].[Visitor].[EligibilityId] = :eligibility_id ORDER BY [IntSchema].[Visitor].[VisitorId];

-- enabled documents
SELECT [IntSchema].[ClaimDocument].[ClaimDocumentId], [IntSchema].[ClaimDocument].[EligibilityId], [IntSchema].[ClaimDocument].[ClaimId], [IntSchema].[ClaimDocument].[ClaimExpenseId], [IntSchema].[ClaimDocument].[Reference], [IntSchema].[ClaimDocument].[DocumentType], [IntSchema].[ClaimDocument].[DocumentStatus], [IntSchema].[ClaimDocument].[Filepath], [IntSchema].[ClaimDocument].[DateSubmitted], [IntSchema].[ClaimDocument].[IsEnabled], [IntSchema].[ClaimDocument].[Caseworker], [IntSchema].[ClaimDocument].[Status]
FROM [IntSchema].[ClaimDocument]
WHERE [IntSchema].[ClaimDocument].[Reference] = :reference AND [IntSchema].[ClaimDocument].[EligibilityId] = :eligibility_id AND ([IntSchema].[ClaimDocument].[ClaimId] = :claim_id OR [IntSchema].[ClaimDocument].[ClaimId] IS NULL) AND [IntSchema].[ClaimDocument].[IsEnabled] = 1 ORDER BY [IntSchema].[ClaimDocument].[ClaimDocumentId];

-- all documents
SELECT [IntSchema].[ClaimDocument].[ClaimDocumentId], [IntSchema].[ClaimDocument].[EligibilityId], [IntSchema].[ClaimDocument].[ClaimId], [IntSchema].[ClaimDocument].[ClaimExpenseId], [IntSchema].[ClaimDocument].[Reference], [IntSchema].[ClaimDocument].[DocumentType], [IntSchema].[ClaimDocument].[DocumentStatus], [IntSchema].[ClaimDocument].[Filepath], [IntSchema].[ClaimDocument].[DateSubmitted], [IntSchema].[ClaimDocument].[IsEnabled], [IntSchema].[ClaimDocument].[Caseworker], [IntSchema].[ClaimDocument].[Status]
FROM [IntSchema].[ClaimDocument]
WHERE [IntSchema].[ClaimDocument].[Reference] = :reference AND [IntSchema].[ClaimDocument].[EligibilityId] = :eligibility_id AND ([IntSchema].[ClaimDocument].[ClaimId] = :claim_id OR [IntSchema].[ClaimDocument].[ClaimId] IS NULL) ORDER BY [IntSchema].[ClaimDocument].[ClaimDocumentId];

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
WHERE [IntSchema].[Claim].[EligibilityId] = :eligibility_id ORDER BY CASE WHEN ([IntSchema].[Claim].[DateReviewed] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Claim].[DateReviewed] DESC, [IntSchema].[Claim].[ClaimId] DESC;

-- approval history
SELECT [IntSchema].[Claim].[ClaimId] AS [c_ClaimId], [IntSchema].[Claim].[EligibilityId] AS [c_EligibilityId], [IntSchema].[Claim].[Reference] AS [c_Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker] AS [c_AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType] AS [c_ClaimType], [IntSchema].[Claim].[IsAdvanceClaim] AS [c_IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney] AS [c_DateOfJourney], [IntSchema].[Claim].[DateCreated] AS [c_DateCreated], [IntSchema].[Claim].[DateSubmitted] AS [c_DateSubmitted], [IntSchema].[Claim].[PaymentMethod] AS [c_PaymentMethod], [IntSchema].[Claim].[RejectionReasonId] AS [c_RejectionReasonId], [IntSchema].[Claim].[IsOverpaid] AS [c_IsOverpaid], [IntSchema].[Claim].[ReminderSent] AS [c_ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck] AS [c_VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker] AS [c_Caseworker], [IntSchema].[Claim].[PaymentStatus] AS [c_PaymentStatus], [IntSchema].[Claim].[Status] AS [c_Status], [IntSchema].[Claim].[Reason] AS [c_Reason], [IntSchema].[Claim].[Note] AS [c_Note], [IntSchema].[Claim].[OverpaymentReason] AS [c_OverpaymentReason], [IntSchema].[Claim].[AssignedTo] AS [c_AssignedTo], [IntSchema].[Claim].[PaymentAmount] AS [c_PaymentAmount], [IntSchema].[Claim].[TotalAmount] AS [c_TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount] AS [c_ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount] AS [c_OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount] AS [c_RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed] AS [c_DateReviewed], [IntSchema].[Claim].[PaymentDate] AS [c_PaymentDate], [IntSchema].[Claim].[DateApproved] AS [c_DateApproved], [IntSchema].[Claim].[AssignmentExpiry] AS [c_AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent] AS [c_DateReminderSent], [IntSchema].[Claim].[LastUpdated] AS [c_LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit] AS [c_IsIncludedInAudit], [IntSchema].[Eligibility].[EligibilityId] AS [e_EligibilityId], [IntSchema].[Eligibility].[ReferenceDisabled] AS [e_ReferenceDisabled], [IntSchema].[Eligibility].[Reference] AS [e_Reference], [IntSchema].[Eligibility].[UntrustedReason] AS [e_UntrustedReason], [IntSchema].[Eligibility].[Status] AS [e_Status], [IntSchema].[Eligibility].[DisabledReason] AS [e_DisabledReason], [IntSchema].[Eligibility].[ReEnabledReason] AS [e_ReEnabledReason], [IntSchema].[Eligibility].[UntrustedDate] AS [e_UntrustedDate], [IntSchema].[Eligibility].[DateCreated] AS [e_DateCreated], [IntSchema].[Eligibility].[DateSubmitted] AS [e_DateSubmitted], [IntSchema].[Eligibility].[IsTrusted] AS [e_IsTrusted], [IntSchema].[Prisoner].[PrisonerId] AS [p_PrisonerId], [IntSchema].[Prisoner].[EligibilityId] AS [p_EligibilityId], [IntSchema].[Prisoner].[Reference] AS [p_Reference], [IntSchema].[Prisoner].[FirstName] AS [p_FirstName], [IntSchema].[Prisoner].[LastName] AS [p_LastName], [IntSchema].[Prisoner].[DateOfBirth] AS [p_DateOfBirth], [IntSchema].[Prisoner].[PrisonNumber] AS [p_PrisonNumber], [IntSchema].[Prisoner].[NameOfPrison] AS [p_NameOfPrison], [IntSchema].[Prisoner].[NomisCheck] AS [p_NomisCheck], [IntSchema].[Prisoner].[ReleaseDateIsSet] AS [p_ReleaseDateIsSet], [IntSchema].[Prisoner].[ReleaseDate] AS [p_ReleaseDate], [IntSchema].[Visitor].[VisitorId] AS [v_VisitorId], [IntSchema].[Visitor].[EligibilityId] AS [v_EligibilityId], [IntSchema].[Visitor].[Reference] AS [v_Reference], [IntSchema].[Visitor].[FirstName] AS [v_FirstName], [IntSchema].[Visitor].[LastName] AS [v_LastName], [IntSchema].[Visitor].[NationalInsuranceNumber] AS [v_NationalInsuranceNumber], [IntSchema].[Visitor].[HouseNumberAndStreet] AS [v_HouseNumberAndStreet], [IntSchema].[Visitor].[Town] AS [v_Town], [IntSchema].[Visitor].[County] AS [v_County], [IntSchema].[Visitor].[Country] AS [v_Country], [IntSchema].[Visitor].[PostCode] AS [v_PostCode], [IntSchema].[Visitor].[EmailAddress] AS [v_EmailAddress], [IntSchema].[Visitor].[PhoneNumber] AS [v_PhoneNumber], [IntSchema].[Visitor].[DateOfBirth] AS [v_DateOfBirth], [IntSchema].[Visitor].[Relationship] AS [v_Relationship], [IntSchema].[Visitor].[Benefit] AS [v_Benefit], [IntSchema].[Visitor].[BenefitOwner] AS [v_BenefitOwner], [IntSchema].[Visitor].[DWPBenefitCheckerResult] AS [v_DWPBenefitCheckerResult], [IntSchema].[Visitor].[DWPCheck] AS [v_DWPCheck], [IntSchema].[Visitor].[BenefitExpiryDate] AS [v_BenefitExpiryDate], CASE WHEN ([IntSchema].[Claim].[Reference] = :reference) THEN 1 ELSE 0 END AS same_reference, row_number() OVER (ORDER BY CASE WHEN ([IntSchema].[Claim].[DateSubmitted] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Claim].[DateSubmitted] DESC, [IntSchema].[Claim].[ClaimId] DESC) AS submitted_order
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[Eligibility] ON [IntSchema].[Eligibility].[EligibilityId] = (SELECT min([first_Eligibility].[EligibilityId]) AS min_1
FROM [IntSchema].[Eligibility] AS [first_Eligibility]
WHERE [first_Eligibility].[Reference] = :reference AND [first_Eligibility].[EligibilityId] = :eligibility_id) AND [IntSchema].[Claim].[ClaimId] = :claim_id LEFT OUTER JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[PrisonerId] = (SELECT min([first_Prisoner].[PrisonerId]) AS min_2
FROM [IntSchema].[Prisoner] AS [first_Prisoner]
WHERE [first_Prisoner].[Reference] = :reference AND [first_Prisoner].[EligibilityId] = :eligibility_id) AND [IntSchema].[Claim].[ClaimId] = :claim_id LEFT OUTER JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[VisitorId] = (SELECT min([first_Visitor].[VisitorId]) AS min_3
FROM [IntSchema].[Visitor] AS [first_Visitor]
WHERE [first_Visitor].[Reference] = :reference AND [first_Visitor].[EligibilityId] = :eligibility_id) AND [IntSchema].[Claim].[ClaimId] = :claim_id
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id OR [IntSchema].[Claim].[EligibilityId] = :eligibility_id OR [IntSchema].[Claim].[Reference] = :reference ORDER BY CASE WHEN ([IntSchema].[Claim].[DateReviewed] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Claim].[DateReviewed] DESC, [IntSchema].[Claim].[ClaimId] DESC;

-- approval rows
SELECT 1 AS part, [IntSchema].[ClaimExpense].[ClaimExpenseId] AS row_key, [IntSchema].[ClaimExpense].[ClaimExpenseId] AS [x_ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId] AS [x_EligibilityId], [IntSchema].[ClaimExpense].[ClaimId] AS [x_ClaimId], [IntSchema].[ClaimExpense].[Reference] AS [x_Reference], [IntSchema].[ClaimExpense].[ExpenseType] AS [x_ExpenseType], [IntSchema].[ClaimExpense].[Cost] AS [x_Cost], [IntSchema].[ClaimExpense].[TravelTime] AS [x_TravelTime], [IntSchema].[ClaimExpense].[From] AS [x_From], [IntSchema].[ClaimExpense].[To] AS [x_To], [IntSchema].[ClaimExpense].[TicketType] AS [x_TicketType], [IntSchema].[ClaimExpense].[ReturnTime] AS [x_ReturnTime], [IntSchema].[ClaimExpense].[IsReturn] AS [x_IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel] AS [x_DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner] AS [x_TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled] AS [x_IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode] AS [x_FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode] AS [x_ToPostCode], [IntSchema].[ClaimExpense].[Distance] AS [x_Distance], [IntSchema].[ClaimExpense].[ApprovedCost] AS [x_ApprovedCost], [IntSchema].[ClaimExpense].[Status] AS [x_Status], CAST(NULL AS INTEGER) AS [ch_ClaimChildId], CAST(NULL AS INTEGER) AS [ch_EligibilityId], CAST(NULL AS INTEGER) AS [ch_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [ch_Reference], CAST(NULL AS NVARCHAR(50)) AS [ch_FirstName], CAST(NULL AS NVARCHAR(50)) AS [ch_LastName], CAST(NULL AS DATETIME2) AS [ch_DateOfBirth], CAST(NULL AS NVARCHAR(100)) AS [ch_Relationship], CAST(NULL AS BIT) AS [ch_IsEnabled], CAST(NULL AS INTEGER) AS [d_ClaimDocumentId], CAST(NULL AS INTEGER) AS [d_EligibilityId], CAST(NULL AS INTEGER) AS [d_ClaimId], CAST(NULL AS INTEGER) AS [d_ClaimExpenseId], CAST(NULL AS NVARCHAR(10)) AS [d_Reference], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentType], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentStatus], CAST(NULL AS NVARCHAR(250)) AS [d_Filepath], CAST(NULL AS DATETIME2) AS [d_DateSubmitted], CAST(NULL AS BIT) AS [d_IsEnabled], CAST(NULL AS NVARCHAR(100)) AS [d_Caseworker], CAST(NULL AS NVARCHAR(20)) AS [d_Status], CAST(NULL AS NVARCHAR(10)) AS [n_PrisonNumber]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :claim_id AND [IntSchema].[ClaimExpense].[IsEnabled] = 1 UNION ALL SELECT 2 AS part, [IntSchema].[ClaimExpense].[ClaimExpenseId] AS row_key, [IntSchema].[ClaimExpense].[ClaimExpenseId] AS [x_ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId] AS [x_EligibilityId], [IntSchema].[ClaimExpense].[ClaimId] AS [x_ClaimId], [IntSchema].[ClaimExpense].[Reference] AS [x_Reference], [IntSchema].[ClaimExpense].[ExpenseType] AS [x_ExpenseType], [IntSchema].[ClaimExpense].[Cost] AS [x_Cost], [IntSchema].[ClaimExpense].[TravelTime] AS [x_TravelTime], [IntSchema].[ClaimExpense].[From] AS [x_From], [IntSchema].[ClaimExpense].[To] AS [x_To], [IntSchema].[ClaimExpense].[TicketType] AS [x_TicketType], [IntSchema].[ClaimExpense].[ReturnTime] AS [x_ReturnTime], [IntSchema].[ClaimExpense].[IsReturn] AS [x_IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel] AS [x_DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner] AS [x_TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled] AS [x_IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode] AS [x_FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode] AS [x_ToPostCode], [IntSchema].[ClaimExpense].[Distance] AS [x_Distance], [IntSchema].[ClaimExpense].[ApprovedCost] AS [x_ApprovedCost], [IntSchema].[ClaimExpense].[Status] AS [x_Status], CAST(NULL AS INTEGER) AS [ch_ClaimChildId], CAST(NULL AS INTEGER) AS [ch_EligibilityId], CAST(NULL AS INTEGER) AS [ch_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [ch_Reference], CAST(NULL AS NVARCHAR(50)) AS [ch_FirstName], CAST(NULL AS NVARCHAR(50)) AS [ch_LastName], CAST(NULL AS DATETIME2) AS [ch_DateOfBirth], CAST(NULL AS NVARCHAR(100)) AS [ch_Relationship], CAST(NULL AS BIT) AS [ch_IsEnabled], CAST(NULL AS INTEGER) AS [d_ClaimDocumentId], CAST(NULL AS INTEGER) AS [d_EligibilityId], CAST(NULL AS INTEGER) AS [d_ClaimId], CAST(NULL AS INTEGER) AS [d_ClaimExpenseId], CAST(NULL AS NVARCHAR(10)) AS [d_Reference], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentType], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentStatus], CAST(NULL AS NVARCHAR(250)) AS [d_Filepath], CAST(NULL AS DATETIME2) AS [d_DateSubmitted], CAST(NULL AS BIT) AS [d_IsEnabled], CAST(NULL AS NVARCHAR(100)) AS [d_Caseworker], CAST(NULL AS NVARCHAR(20)) AS [d_Status], CAST(NULL AS NVARCHAR(10)) AS [n_PrisonNumber]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :baseline_claim_id UNION ALL SELECT 3 AS part, [IntSchema].[ClaimChild].[ClaimChildId] AS row_key, CAST(NULL AS INTEGER) AS [x_ClaimExpenseId], CAST(NULL AS INTEGER) AS [x_EligibilityId], CAST(NULL AS INTEGER) AS [x_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [x_Reference], CAST(NULL AS NVARCHAR(100)) AS [x_ExpenseType], CAST(NULL AS DECIMAL(8, 2)) AS [x_Cost], CAST(NULL AS NVARCHAR(100)) AS [x_TravelTime], CAST(NULL AS NVARCHAR(100)) AS [x_From], CAST(NULL AS NVARCHAR(100)) AS [x_To], CAST(NULL AS NVARCHAR(100)) AS [x_TicketType], CAST(NULL AS NVARCHAR(100)) AS [x_ReturnTime], CAST(NULL AS BIT) AS [x_IsReturn], CAST(NULL AS INTEGER) AS [x_DurationOfTravel], CAST(NULL AS NVARCHAR(10)) AS [x_TicketOwner], CAST(NULL AS BIT) AS [x_IsEnabled], CAST(NULL AS NVARCHAR(10)) AS [x_FromPostCode], CAST(NULL AS NVARCHAR(10)) AS [x_ToPostCode], CAST(NULL AS DECIMAL(8, 2)) AS [x_Distance], CAST(NULL AS DECIMAL(8, 2)) AS [x_ApprovedCost], CAST(NULL AS NVARCHAR(20)) AS [x_Status], [IntSchema].[ClaimChild].[ClaimChildId] AS [ch_ClaimChildId], [IntSchema].[ClaimChild].[EligibilityId] AS [ch_EligibilityId], [IntSchema].[ClaimChild].[ClaimId] AS [ch_ClaimId], [IntSchema].[ClaimChild].[Reference] AS [ch_Reference], [IntSchema].[ClaimChild].[FirstName] AS [ch_FirstName], [IntSchema].[ClaimChild].[LastName] AS [ch_LastName], [IntSchema].[ClaimChild].[DateOfBirth] AS [ch_DateOfBirth], [IntSchema].[ClaimChild].[Relationship] AS [ch_Relationship], [IntSchema].[ClaimChild].[IsEnabled] AS [ch_IsEnabled], CAST(NULL AS INTEGER) AS [d_ClaimDocumentId], CAST(NULL AS INTEGER) AS [d_EligibilityId], CAST(NULL AS INTEGER) AS [d_ClaimId], CAST(NULL AS INTEGER) AS [d_ClaimExpenseId], CAST(NULL AS NVARCHAR(10)) AS [d_Reference], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentType], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentStatus], CAST(NULL AS NVARCHAR(250)) AS [d_Filepath], CAST(NULL AS DATETIME2) AS [d_DateSubmitted], CAST(NULL AS BIT) AS [d_IsEnabled], CAST(NULL AS NVARCHAR(100)) AS [d_Caseworker], CAST(NULL AS NVARCHAR(20)) AS [d_Status], CAST(NULL AS NVARCHAR(10)) AS [n_PrisonNumber]
FROM [IntSchema].[ClaimChild]
WHERE [IntSchema].[ClaimChild].[ClaimId] = :claim_id AND [IntSchema].[ClaimChild].[IsEnabled] = 1 UNION ALL SELECT 4 AS part, [IntSchema].[ClaimDocument].[ClaimDocumentId] AS row_key, CAST(NULL AS INTEGER) AS [x_ClaimExpenseId], CAST(NULL AS INTEGER) AS [x_EligibilityId], CAST(NULL AS INTEGER) AS [x_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [x_Reference], CAST(NULL AS NVARCHAR(100)) AS [x_ExpenseType], CAST(NULL AS DECIMAL(8, 2)) AS [x_Cost], CAST(NULL AS NVARCHAR(100)) AS [x_TravelTime], CAST(NULL AS NVARCHAR(100)) AS [x_From], CAST(NULL AS NVARCHAR(100)) AS [x_To], CAST(NULL AS NVARCHAR(100)) AS [x_TicketType], CAST(NULL AS NVARCHAR(100)) AS [x_ReturnTime], CAST(NULL AS BIT) AS [x_IsReturn], CAST(NULL AS INTEGER) AS [x_DurationOfTravel], CAST(NULL AS NVARCHAR(10)) AS [x_TicketOwner], CAST(NULL AS BIT) AS [x_IsEnabled], CAST(NULL AS NVARCHAR(10)) AS [x_FromPostCode], CAST(NULL AS NVARCHAR(10)) AS [x_ToPostCode], CAST(NULL AS DECIMAL(8, 2)) AS [x_Distance], CAST(NULL AS DECIMAL(8, 2)) AS [x_ApprovedCost], CAST(NULL AS NVARCHAR(20)) AS [x_Status], CAST(NULL AS INTEGER) AS [ch_ClaimChildId], CAST(NULL AS INTEGER) AS [ch_EligibilityId], CAST(NULL AS INTEGER) AS [ch_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [ch_Reference], CAST(NULL AS NVARCHAR(50)) AS [ch_FirstName], CAST(NULL AS NVARCHAR(50)) AS [ch_LastName], CAST(NULL AS DATETIME2) AS [ch_DateOfBirth], CAST(NULL AS NVARCHAR(100)) AS [ch_Relationship], CAST(NULL AS BIT) AS [ch_IsEnabled], [IntSchema].[ClaimDocument].[ClaimDocumentId] AS [d_ClaimDocumentId], [IntSchema].[ClaimDocument].[EligibilityId] AS [d_EligibilityId], [IntSchema].[ClaimDocument].[ClaimId] AS [d_ClaimId], [IntSchema].[ClaimDocument].[ClaimExpenseId] AS [d_ClaimExpenseId], [IntSchema].[ClaimDocument].[Reference] AS [d_Reference], [IntSchema].[ClaimDocument].[DocumentType] AS [d_DocumentType], [IntSchema].[ClaimDocument].[DocumentStatus] AS [d_DocumentStatus], [IntSchema].[ClaimDocument].[Filepath] AS [d_Filepath], [IntSchema].[ClaimDocument].[DateSubmitted] AS [d_DateSubmitted], [IntSchema].[ClaimDocument].[IsEnabled] AS [d_IsEnabled], [IntSchema].[ClaimDocument].[Caseworker] AS [d_Caseworker], [IntSchema].[ClaimDocument].[Status] AS [d_Status], CAST(NULL AS NVARCHAR(10)) AS [n_PrisonNumber]
FROM [IntSchema].[ClaimDocument]
WHERE [IntSchema].[ClaimDocument].[Reference] = :reference AND [IntSchema].[ClaimDocument].[EligibilityId] = :eligibility_id AND ([IntSchema].[ClaimDocument].[ClaimId] = :claim_id OR [IntSchema].[ClaimDocument].[ClaimId] IS NULL) AND [IntSchema].[ClaimDocument].[IsEnabled] = 1 UNION ALL SELECT 5 AS part, CAST(NULL AS INTEGER) AS row_key, CAST(NULL AS INTEGER) AS [x_ClaimExpenseId], CAST(NULL AS INTEGER) AS [x_EligibilityId], CAST(NULL AS INTEGER) AS [x_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [x_Reference], CAST(NULL AS NVARCHAR(100)) AS [x_ExpenseType], CAST(NULL AS DECIMAL(8, 2)) AS [x_Cost], CAST(NULL AS NVARCHAR(100)) AS [x_TravelTime], CAST(NULL AS NVARCHAR(100)) AS [x_From], CAST(NULL AS NVARCHAR(100)) AS [x_To], CAST(NULL AS NVARCHAR(100)) AS [x_TicketType], CAST(NULL AS NVARCHAR(100)) AS [x_ReturnTime], CAST(NULL AS BIT) AS [x_IsReturn], CAST(NULL AS INTEGER) AS [x_DurationOfTravel], CAST(NULL AS NVARCHAR(10)) AS [x_TicketOwner], CAST(NULL AS BIT) AS [x_IsEnabled], CAST(NULL AS NVARCHAR(10)) AS [x_FromPostCode], CAST(NULL AS NVARCHAR(10)) AS [x_ToPostCode], CAST(NULL AS DECIMAL(8, 2)) AS [x_Distance], CAST(NULL AS DECIMAL(8, 2)) AS [x_ApprovedCost], CAST(NULL AS NVARCHAR(20)) AS [x_Status], CAST(NULL AS INTEGER) AS [ch_ClaimChildId], CAST(NULL AS INTEGER) AS [ch_EligibilityId], CAST(NULL AS INTEGER) AS [ch_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [ch_Reference], CAST(NULL AS NVARCHAR(50)) AS [ch_FirstName], CAST(NULL AS NVARCHAR(50)) AS [ch_LastName], CAST(NULL AS DATETIME2) AS [ch_DateOfBirth], CAST(NULL AS NVARCHAR(100)) AS [ch_Relationship], CAST(NULL AS BIT) AS [ch_IsEnabled], CAST(NULL AS INTEGER) AS [d_ClaimDocumentId], CAST(NULL AS INTEGER) AS [d_EligibilityId], CAST(NULL AS INTEGER) AS [d_ClaimId], CAST(NULL AS INTEGER) AS [d_ClaimExpenseId], CAST(NULL AS NVARCHAR(10)) AS [d_Reference], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentType], CAST(NULL AS NVARCHAR(20)) AS [d_DocumentStatus], CAST(NULL AS NVARCHAR(250)) AS [d_Filepath], CAST(NULL AS DATETIME2) AS [d_DateSubmitted], CAST(NULL AS BIT) AS [d_IsEnabled], CAST(NULL AS NVARCHAR(100)) AS [d_Caseworker], CAST(NULL AS NVARCHAR(20)) AS [d_Status], [IntSchema].[Prisoner].[PrisonNumber] AS [n_PrisonNumber]
FROM [IntSchema].[Prisoner]
WHERE [IntSchema].[Prisoner].[PrisonNumber] = :prison_number AND (EXISTS (SELECT *
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[EligibilityId] = [IntSchema].[Prisoner].[EligibilityId] AND [IntSchema].[Claim].[DateOfJourney] >= :start AND [IntSchema].[Claim].[DateOfJourney] < :end)) ORDER BY part, row_key, [n_PrisonNumber];

-- pricing read
SELECT [IntSchema].[Claim].[ClaimId] AS [c_ClaimId], [IntSchema].[Claim].[EligibilityId] AS [c_EligibilityId], [IntSchema].[Claim].[Reference] AS [c_Reference], [IntSchema].[Claim].[AssistedDigitalCaseworker] AS [c_AssistedDigitalCaseworker], [IntSchema].[Claim].[ClaimType] AS [c_ClaimType], [IntSchema].[Claim].[IsAdvanceClaim] AS [c_IsAdvanceClaim], [IntSchema].[Claim].[DateOfJourney] AS [c_DateOfJourney], [IntSchema].[Claim].[DateCreated] AS [c_DateCreated], [IntSchema].[Claim].[DateSubmitted] AS [c_DateSubmitted], [IntSchema].[Claim].[PaymentMethod] AS [c_PaymentMethod], [IntSchema].[Claim].[RejectionReasonId] AS [c_RejectionReasonId], [IntSchema].[Claim].[IsOverpaid] AS [c_IsOverpaid], [IntSchema].[Claim].[ReminderSent] AS [c_ReminderSent], [IntSchema].[Claim].[VisitConfirmationCheck] AS [c_VisitConfirmationCheck], [IntSchema].[Claim].[Caseworker] AS [c_Caseworker], [IntSchema].[Claim].[PaymentStatus] AS [c_PaymentStatus], [IntSchema].[Claim].[Status] AS [c_Status], [IntSchema].[Claim].[Reason] AS [c_Reason], [IntSchema].[Claim].[Note] AS [c_Note], [IntSchema].[Claim].[OverpaymentReason] AS [c_OverpaymentReason], [IntSchema].[Claim].[AssignedTo] AS [c_AssignedTo], [IntSchema].[Claim].[PaymentAmount] AS [c_PaymentAmount], [IntSchema].[Claim].[TotalAmount] AS [c_TotalAmount], [IntSchema].[Claim].[ManuallyProcessedAmount] AS [c_ManuallyProcessedAmount], [IntSchema].[Claim].[OverpaymentAmount] AS [c_OverpaymentAmount], [IntSchema].[Claim].[RemainingOverpaymentAmount] AS [c_RemainingOverpaymentAmount], [IntSchema].[Claim].[DateReviewed] AS [c_DateReviewed], [IntSchema].[Claim].[PaymentDate] AS [c_PaymentDate], [IntSchema].[Claim].[DateApproved] AS [c_DateApproved], [IntSchema].[Claim].[AssignmentExpiry] AS [c_AssignmentExpiry], [IntSchema].[Claim].[DateReminderSent] AS [c_DateReminderSent], [IntSchema].[Claim].[LastUpdated] AS [c_LastUpdated], [IntSchema].[Claim].[IsIncludedInAudit] AS [c_IsIncludedInAudit], [IntSchema].[Prisoner].[PrisonerId] AS [p_PrisonerId], [IntSchema].[Prisoner].[EligibilityId] AS [p_EligibilityId], [IntSchema].[Prisoner].[Reference] AS [p_Reference], [IntSchema].[Prisoner].[FirstName] AS [p_FirstName], [IntSchema].[Prisoner].[LastName] AS [p_LastName], [IntSchema].[Prisoner].[DateOfBirth] AS [p_DateOfBirth], [IntSchema].[Prisoner].[PrisonNumber] AS [p_PrisonNumber], [IntSchema].[Prisoner].[NameOfPrison] AS [p_NameOfPrison], [IntSchema].[Prisoner].[NomisCheck] AS [p_NomisCheck], [IntSchema].[Prisoner].[ReleaseDateIsSet] AS [p_ReleaseDateIsSet], [IntSchema].[Prisoner].[ReleaseDate] AS [p_ReleaseDate], [IntSchema].[Visitor].[VisitorId] AS [v_VisitorId], [IntSchema].[Visitor].[EligibilityId] AS [v_EligibilityId], [IntSchema].[Visitor].[Reference] AS [v_Reference], [IntSchema].[Visitor].[FirstName] AS [v_FirstName], [IntSchema].[Visitor].[LastName] AS [v_LastName], [IntSchema].[Visitor].[NationalInsuranceNumber] AS [v_NationalInsuranceNumber], [IntSchema].[Visitor].[HouseNumberAndStreet] AS [v_HouseNumberAndStreet], [IntSchema].[Visitor].[Town] AS [v_Town], [IntSchema].[Visitor].[County] AS [v_County], [IntSchema].[Visitor].[Country] AS [v_Country], [IntSchema].[Visitor].[PostCode] AS [v_PostCode], [IntSchema].[Visitor].[EmailAddress] AS [v_EmailAddress], [IntSchema].[Visitor].[PhoneNumber] AS [v_PhoneNumber], [IntSchema].[Visitor].[DateOfBirth] AS [v_DateOfBirth], [IntSchema].[Visitor].[Relationship] AS [v_Relationship], [IntSchema].[Visitor].[Benefit] AS [v_Benefit], [IntSchema].[Visitor].[BenefitOwner] AS [v_BenefitOwner], [IntSchema].[Visitor].[DWPBenefitCheckerResult] AS [v_DWPBenefitCheckerResult], [IntSchema].[Visitor].[DWPCheck] AS [v_DWPCheck], [IntSchema].[Visitor].[BenefitExpiryDate] AS [v_BenefitExpiryDate], [IntSchema].[ClaimExpense].[ClaimExpenseId] AS [x_ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId] AS [x_EligibilityId], [IntSchema].[ClaimExpense].[ClaimId] AS [x_ClaimId], [IntSchema].[ClaimExpense].[Reference] AS [x_Reference], [IntSchema].[ClaimExpense].[ExpenseType] AS [x_ExpenseType], [IntSchema].[ClaimExpense].[Cost] AS [x_Cost], [IntSchema].[ClaimExpense].[TravelTime] AS [x_TravelTime], [IntSchema].[ClaimExpense].[From] AS [x_From], [IntSchema].[ClaimExpense].[To] AS [x_To], [IntSchema].[ClaimExpense].[TicketType] AS [x_TicketType], [IntSchema].[ClaimExpense].[ReturnTime] AS [x_ReturnTime], [IntSchema].[ClaimExpense].[IsReturn] AS [x_IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel] AS [x_DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner] AS [x_TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled] AS [x_IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode] AS [x_FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode] AS [x_ToPostCode], [IntSchema].[ClaimExpense].[Distance] AS [x_Distance], [IntSchema].[ClaimExpense].[ApprovedCost] AS [x_ApprovedCost], [IntSchema].[ClaimExpense].[Status] AS [x_Status]
FROM [IntSchema].[Claim] LEFT OUTER JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[PrisonerId] = (SELECT min([first_Prisoner].[PrisonerId]) AS min_1
FROM [IntSchema].[Prisoner] AS [first_Prisoner]
WHERE [first_Prisoner].[Reference] = :reference AND [first_Prisoner].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[VisitorId] = (SELECT min([first_Visitor].[VisitorId]) AS min_2
FROM [IntSchema].[Visitor] AS [first_Visitor]
WHERE [first_Visitor].[Reference] = :reference AND [first_Visitor].[EligibilityId] = :eligibility_id) LEFT OUTER JOIN [IntSchema].[ClaimExpense] ON [IntSchema].[ClaimExpense].[ClaimId] = :claim_id AND [IntSchema].[ClaimExpense].[IsEnabled] = 1
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id ORDER BY [IntSchema].[ClaimExpense].[ClaimExpenseId];

-- accepted claim read
SELECT 1 AS part, CAST(NULL AS INTEGER) AS row_key, summary.[ClaimId] AS [s_ClaimId], summary.[EligibilityId] AS [s_EligibilityId], summary.[Reference] AS [s_Reference], summary.[DateOfJourney] AS [s_DateOfJourney], summary.[Note] AS [s_Note], summary.[PaymentMethod] AS [s_PaymentMethod], summary.[IsAdvanceClaim] AS [s_IsAdvanceClaim], summary.[FirstName] AS [s_FirstName], summary.[EmailAddress] AS [s_EmailAddress], summary.[Town] AS [s_Town], summary.[NameOfPrison] AS [s_NameOfPrison], summary.[AccountNumber] AS [s_AccountNumber], CAST(NULL AS INTEGER) AS [x_ClaimExpenseId], CAST(NULL AS INTEGER) AS [x_EligibilityId], CAST(NULL AS INTEGER) AS [x_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [x_Reference], CAST(NULL AS NVARCHAR(100)) AS [x_ExpenseType], CAST(NULL AS DECIMAL(8, 2)) AS [x_Cost], CAST(NULL AS NVARCHAR(100)) AS [x_TravelTime], CAST(NULL AS NVARCHAR(100)) AS [x_From], CAST(NULL AS NVARCHAR(100)) AS [x_To], CAST(NULL AS NVARCHAR(100)) AS [x_TicketType], CAST(NULL AS NVARCHAR(100)) AS [x_ReturnTime], CAST(NULL AS BIT) AS [x_IsReturn], CAST(NULL AS INTEGER) AS [x_DurationOfTravel], CAST(NULL AS NVARCHAR(10)) AS [x_TicketOwner], CAST(NULL AS BIT) AS [x_IsEnabled], CAST(NULL AS NVARCHAR(10)) AS [x_FromPostCode], CAST(NULL AS NVARCHAR(10)) AS [x_ToPostCode], CAST(NULL AS DECIMAL(8, 2)) AS [x_Distance], CAST(NULL AS DECIMAL(8, 2)) AS [x_ApprovedCost], CAST(NULL AS NVARCHAR(20)) AS [x_Status], CAST(NULL AS INTEGER) AS [dd_ClaimDeductionId], CAST(NULL AS INTEGER) AS [dd_EligibilityId], CAST(NULL AS INTEGER) AS [dd_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [dd_Reference], CAST(NULL AS NVARCHAR(100)) AS [dd_DeductionType], CAST(NULL AS DECIMAL(8, 2)) AS [dd_Amount], CAST(NULL AS BIT) AS [dd_IsEnabled]
FROM (SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Claim].[ClaimId] AS [ClaimId], [IntSchema].[Claim].[EligibilityId] AS [EligibilityId], [IntSchema].[Claim].[Reference] AS [Reference], [IntSchema].[Claim].[DateOfJourney] AS [DateOfJourney], [IntSchema].[Claim].[Note] AS [Note], [IntSchema].[Claim].[PaymentMethod] AS [PaymentMethod], [IntSchema].[Claim].[IsAdvanceClaim] AS [IsAdvanceClaim], [IntSchema].[Visitor].[FirstName] AS [FirstName], [IntSchema].[Visitor].[EmailAddress] AS [EmailAddress], [IntSchema].[Visitor].[Town] AS [Town], [IntSchema].[Prisoner].[NameOfPrison] AS [NameOfPrison], (SELECT TOP __[POSTCOMPILE_param_2] [IntSchema].[ClaimBankDetail].[AccountNumber]
FROM [IntSchema].[ClaimBankDetail]
WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId] ORDER BY [IntSchema].[ClaimBankDetail].[ClaimBankDetailId]) AS [AccountNumber]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] LEFT OUTER JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id ORDER BY [IntSchema].[Visitor].[VisitorId], [IntSchema].[Prisoner].[PrisonerId]) AS summary UNION ALL SELECT 2 AS part, [IntSchema].[ClaimExpense].[ClaimExpenseId] AS row_key, CAST(NULL AS INTEGER) AS [s_ClaimId], CAST(NULL AS INTEGER) AS [s_EligibilityId], CAST(NULL AS NVARCHAR(10)) AS [s_Reference], CAST(NULL AS DATETIME2) AS [s_DateOfJourney], CAST(NULL AS NVARCHAR(250)) AS [s_Note], CAST(NULL AS NVARCHAR(10)) AS [s_PaymentMethod], CAST(NULL AS BIT) AS [s_IsAdvanceClaim], CAST(NULL AS NVARCHAR(100)) AS [s_FirstName], CAST(NULL AS NVARCHAR(100)) AS [s_EmailAddress], CAST(NULL AS NVARCHAR(100)) AS [s_Town], CAST(NULL AS NVARCHAR(100)) AS [s_NameOfPrison], CAST(NULL AS NVARCHAR(8)) AS [s_AccountNumber], [IntSchema].[ClaimExpense].[ClaimExpenseId] AS [x_ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId] AS [x_EligibilityId], [IntSchema].[ClaimExpense].[ClaimId] AS [x_ClaimId], [IntSchema].[ClaimExpense].[Reference] AS [x_Reference], [IntSchema].[ClaimExpense].[ExpenseType] AS [x_ExpenseType], [IntSchema].[ClaimExpense].[Cost] AS [x_Cost], [IntSchema].[ClaimExpense].[TravelTime] AS [x_TravelTime], [IntSchema].[ClaimExpense].[From] AS [x_From], [IntSchema].[ClaimExpense].[To] AS [x_To], [IntSchema].[ClaimExpense].[TicketType] AS [x_TicketType], [IntSchema].[ClaimExpense].[ReturnTime] AS [x_ReturnTime], [IntSchema].[ClaimExpense].[IsReturn] AS [x_IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel] AS [x_DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner] AS [x_TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled] AS [x_IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode] AS [x_FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode] AS [x_ToPostCode], [IntSchema].[ClaimExpense].[Distance] AS [x_Distance], [IntSchema].[ClaimExpense].[ApprovedCost] AS [x_ApprovedCost], [IntSchema].[ClaimExpense].[Status] AS [x_Status], CAST(NULL AS INTEGER) AS [dd_ClaimDeductionId], CAST(NULL AS INTEGER) AS [dd_EligibilityId], CAST(NULL AS INTEGER) AS [dd_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [dd_Reference], CAST(NULL AS NVARCHAR(100)) AS [dd_DeductionType], CAST(NULL AS DECIMAL(8, 2)) AS [dd_Amount], CAST(NULL AS BIT) AS [dd_IsEnabled]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :claim_id UNION ALL SELECT 3 AS part, [IntSchema].[ClaimDeduction].[ClaimDeductionId] AS row_key, CAST(NULL AS INTEGER) AS [s_ClaimId], CAST(NULL AS INTEGER) AS [s_EligibilityId], CAST(NULL AS NVARCHAR(10)) AS [s_Reference], CAST(NULL AS DATETIME2) AS [s_DateOfJourney], CAST(NULL AS NVARCHAR(250)) AS [s_Note], CAST(NULL AS NVARCHAR(10)) AS [s_PaymentMethod], CAST(NULL AS BIT) AS [s_IsAdvanceClaim], CAST(NULL AS NVARCHAR(100)) AS [s_FirstName], CAST(NULL AS NVARCHAR(100)) AS [s_EmailAddress], CAST(NULL AS NVARCHAR(100)) AS [s_Town], CAST(NULL AS NVARCHAR(100)) AS [s_NameOfPrison], CAST(NULL AS NVARCHAR(8)) AS [s_AccountNumber], CAST(NULL AS INTEGER) AS [x_ClaimExpenseId], CAST(NULL AS INTEGER) AS [x_EligibilityId], CAST(NULL AS INTEGER) AS [x_ClaimId], CAST(NULL AS NVARCHAR(10)) AS [x_Reference], CAST(NULL AS NVARCHAR(100)) AS [x_ExpenseType], CAST(NULL AS DECIMAL(8, 2)) AS [x_Cost], CAST(NULL AS NVARCHAR(100)) AS [x_TravelTime], CAST(NULL AS NVARCHAR(100)) AS [x_From], CAST(NULL AS NVARCHAR(100)) AS [x_To], CAST(NULL AS NVARCHAR(100)) AS [x_TicketType], CAST(NULL AS NVARCHAR(100)) AS [x_ReturnTime], CAST(NULL AS BIT) AS [x_IsReturn], CAST(NULL AS INTEGER) AS [x_DurationOfTravel], CAST(NULL AS NVARCHAR(10)) AS [x_TicketOwner], CAST(NULL AS BIT) AS [x_IsEnabled], CAST(NULL AS NVARCHAR(10)) AS [x_FromPostCode], CAST(NULL AS NVARCHAR(10)) AS [x_ToPostCode], CAST(NULL AS DECIMAL(8, 2)) AS [x_Distance], CAST(NULL AS DECIMAL(8, 2)) AS [x_ApprovedCost], CAST(NULL AS NVARCHAR(20)) AS [x_Status], [IntSchema].[ClaimDeduction].[ClaimDeductionId] AS [dd_ClaimDeductionId], [IntSchema].[ClaimDeduction].[EligibilityId] AS [dd_EligibilityId], [IntSchema].[ClaimDeduction].[ClaimId] AS [dd_ClaimId], [IntSchema].[ClaimDeduction].[Reference] AS [dd_Reference], [IntSchema].[ClaimDeduction].[DeductionType] AS [dd_DeductionType], [IntSchema].[ClaimDeduction].[Amount] AS [dd_Amount], [IntSchema].[ClaimDeduction].[IsEnabled] AS [dd_IsEnabled]
FROM [IntSchema].[ClaimDeduction]
WHERE [IntSchema].[ClaimDeduction].[ClaimId] = :claim_id AND [IntSchema].[ClaimDeduction].[IsEnabled] = 1 ORDER BY part, row_key;

-- prison numbers visited on
SELECT [IntSchema].[Prisoner].[PrisonNumber]
FROM [IntSchema].[Prisoner]
WHERE EXISTS (SELECT *
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[EligibilityId] = [IntSchema].[Prisoner].[EligibilityId] AND [IntSchema].[Claim].[DateOfJourney] >= :start AND [IntSchema].[Claim].[DateOfJourney] < :end) ORDER BY [IntSchema].[Prisoner].[PrisonNumber];

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
WHERE [IntSchema].[Eligibility].[Reference] = :reference AND [IntSchema].[Eligibility].[EligibilityId] = :eligibility_id AND [IntSchema].[Claim].[ClaimId] = :claim_id ORDER BY [IntSchema].[Visitor].[VisitorId], [IntSchema].[Benefit].[BenefitId];

-- record dwp result
UPDATE [IntSchema].[Visitor] SET [DWPBenefitCheckerResult]=:result, [DWPCheck]=:dwp_check WHERE [IntSchema].[Visitor].[VisitorId] = :visitor_id;

-- all claim expenses
SELECT [IntSchema].[ClaimExpense].[ClaimExpenseId], [IntSchema].[ClaimExpense].[EligibilityId], [IntSchema].[ClaimExpense].[ClaimId], [IntSchema].[ClaimExpense].[Reference], [IntSchema].[ClaimExpense].[ExpenseType], [IntSchema].[ClaimExpense].[Cost], [IntSchema].[ClaimExpense].[TravelTime], [IntSchema].[ClaimExpense].[From], [IntSchema].[ClaimExpense].[To], [IntSchema].[ClaimExpense].[TicketType], [IntSchema].[ClaimExpense].[ReturnTime], [IntSchema].[ClaimExpense].[IsReturn], [IntSchema].[ClaimExpense].[DurationOfTravel], [IntSchema].[ClaimExpense].[TicketOwner], [IntSchema].[ClaimExpense].[IsEnabled], [IntSchema].[ClaimExpense].[FromPostCode], [IntSchema].[ClaimExpense].[ToPostCode], [IntSchema].[ClaimExpense].[Distance], [IntSchema].[ClaimExpense].[ApprovedCost], [IntSchema].[ClaimExpense].[Status]
FROM [IntSchema].[ClaimExpense]
WHERE [IntSchema].[ClaimExpense].[ClaimId] = :claim_id ORDER BY [IntSchema].[ClaimExpense].[ClaimExpenseId];

-- auto-approve claim
UPDATE [IntSchema].[Claim] SET [VisitConfirmationCheck]=:VisitConfirmationCheck, [Status]=:Status, [DateReviewed]=:now, [DateApproved]=:now WHERE [IntSchema].[Claim].[ClaimId] = :claim_id AND [IntSchema].[Claim].[Status] = :status_0;

-- approve all expenses
UPDATE [IntSchema].[ClaimExpense] SET [ApprovedCost]=[IntSchema].[ClaimExpense].[Cost], [Status]=:Status WHERE [IntSchema].[ClaimExpense].[ClaimId] = :claim_id;

-- latest claim statuses
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Claim].[Status]
FROM [IntSchema].[Claim]
WHERE [IntSchema].[Claim].[Reference] = :reference AND [IntSchema].[Claim].[ClaimId] != :claim_id ORDER BY CASE WHEN ([IntSchema].[Claim].[DateSubmitted] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Claim].[DateSubmitted] DESC, [IntSchema].[Claim].[ClaimId] DESC;

-- recover reference
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Visitor].[Reference], [IntSchema].[Visitor].[FirstName]
FROM [IntSchema].[Visitor] JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[EligibilityId] = [IntSchema].[Visitor].[EligibilityId] JOIN [IntSchema].[Eligibility] ON [IntSchema].[Eligibility].[EligibilityId] = [IntSchema].[Visitor].[EligibilityId]
WHERE [IntSchema].[Visitor].[EmailAddress] = :param_2 AND [IntSchema].[Prisoner].[PrisonNumber] = :param_3 ORDER BY CASE WHEN ([IntSchema].[Eligibility].[DateSubmitted] IS NULL) THEN 1 ELSE 0 END, [IntSchema].[Eligibility].[DateSubmitted] DESC, [IntSchema].[Eligibility].[EligibilityId] DESC;

-- claimant summary
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Claim].[ClaimId], [IntSchema].[Claim].[EligibilityId], [IntSchema].[Claim].[Reference], [IntSchema].[Claim].[DateOfJourney], [IntSchema].[Claim].[Note], [IntSchema].[Claim].[PaymentMethod], [IntSchema].[Claim].[IsAdvanceClaim], [IntSchema].[Visitor].[FirstName], [IntSchema].[Visitor].[EmailAddress], [IntSchema].[Visitor].[Town], [IntSchema].[Prisoner].[NameOfPrison], (SELECT TOP __[POSTCOMPILE_param_2] [IntSchema].[ClaimBankDetail].[AccountNumber]
FROM [IntSchema].[ClaimBankDetail]
WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = [IntSchema].[Claim].[ClaimId] ORDER BY [IntSchema].[ClaimBankDetail].[ClaimBankDetailId]) AS [AccountNumber]
FROM [IntSchema].[Claim] JOIN [IntSchema].[Visitor] ON [IntSchema].[Visitor].[EligibilityId] = [IntSchema].[Claim].[EligibilityId] LEFT OUTER JOIN [IntSchema].[Prisoner] ON [IntSchema].[Prisoner].[EligibilityId] = [IntSchema].[Claim].[EligibilityId]
WHERE [IntSchema].[Claim].[ClaimId] = :claim_id ORDER BY [IntSchema].[Visitor].[VisitorId], [IntSchema].[Prisoner].[PrisonerId];

-- internal bank detail
SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[ClaimBankDetail].[ClaimBankDetailId], [IntSchema].[ClaimBankDetail].[EligibilityId], [IntSchema].[ClaimBankDetail].[ClaimId], [IntSchema].[ClaimBankDetail].[Reference], [IntSchema].[ClaimBankDetail].[AccountNumber], [IntSchema].[ClaimBankDetail].[SortCode], [IntSchema].[ClaimBankDetail].[NameOnAccount], [IntSchema].[ClaimBankDetail].[RollNumber]
FROM [IntSchema].[ClaimBankDetail]
WHERE [IntSchema].[ClaimBankDetail].[ClaimId] = :ClaimId_1 ORDER BY [IntSchema].[ClaimBankDetail].[ClaimBankDetailId];

-- enabled deductions
SELECT [IntSchema].[ClaimDeduction].[ClaimDeductionId], [IntSchema].[ClaimDeduction].[EligibilityId], [IntSchema].[ClaimDeduction].[ClaimId], [IntSchema].[ClaimDeduction].[Reference], [IntSchema].[ClaimDeduction].[DeductionType], [IntSchema].[ClaimDeduction].[Amount], [IntSchema].[ClaimDeduction].[IsEnabled]
FROM [IntSchema].[ClaimDeduction]
WHERE [IntSchema].[ClaimDeduction].[ClaimId] = :claim_id AND [IntSchema].[ClaimDeduction].[IsEnabled] = 1 ORDER BY [IntSchema].[ClaimDeduction].[ClaimDeductionId];

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
WHERE [IntSchema].[TopUp].[ClaimId] = :claim_id ORDER BY [IntSchema].[TopUp].[TopUpId];

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

-- move: lock claim and eligibility
WITH locked_claim AS
(SELECT [ExtSchema].[Claim].[ClaimId] AS [c_ClaimId], [ExtSchema].[Claim].[EligibilityId] AS [c_EligibilityId], [ExtSchema].[Claim].[Reference] AS [c_Reference], [ExtSchema].[Claim].[AssistedDigitalCaseworker] AS [c_AssistedDigitalCaseworker], [ExtSchema].[Claim].[ClaimType] AS [c_ClaimType], [ExtSchema].[Claim].[IsAdvanceClaim] AS [c_IsAdvanceClaim], [ExtSchema].[Claim].[DateOfJourney] AS [c_DateOfJourney], [ExtSchema].[Claim].[DateCreated] AS [c_DateCreated], [ExtSchema].[Claim].[DateSubmitted] AS [c_DateSubmitted], [ExtSchema].[Claim].[PaymentMethod] AS [c_PaymentMethod], [ExtSchema].[Claim].[Status] AS [c_Status]
FROM [ExtSchema].[Claim] WITH (ROWLOCK, XLOCK, HOLDLOCK)
WHERE [ExtSchema].[Claim].[ClaimId] = :claim_id),
locked_eligibility AS
(SELECT [ExtSchema].[Eligibility].[EligibilityId] AS [e_EligibilityId], [ExtSchema].[Eligibility].[Reference] AS [e_Reference], [ExtSchema].[Eligibility].[DateCreated] AS [e_DateCreated], [ExtSchema].[Eligibility].[DateSubmitted] AS [e_DateSubmitted], [ExtSchema].[Eligibility].[Status] AS [e_Status]
FROM [ExtSchema].[Eligibility] WITH (ROWLOCK, XLOCK, HOLDLOCK)
WHERE [ExtSchema].[Eligibility].[EligibilityId] = :eligibility_id)
 SELECT locked_claim.[c_ClaimId], locked_claim.[c_EligibilityId], locked_claim.[c_Reference], locked_claim.[c_AssistedDigitalCaseworker], locked_claim.[c_ClaimType], locked_claim.[c_IsAdvanceClaim], locked_claim.[c_DateOfJourney], locked_claim.[c_DateCreated], locked_claim.[c_DateSubmitted], locked_claim.[c_PaymentMethod], locked_claim.[c_Status], locked_eligibility.[e_EligibilityId], locked_eligibility.[e_Reference], locked_eligibility.[e_DateCreated], locked_eligibility.[e_DateSubmitted], locked_eligibility.[e_Status], (SELECT TOP __[POSTCOMPILE_param_1] [IntSchema].[Visitor].[EmailAddress]
FROM [IntSchema].[Visitor]
WHERE [IntSchema].[Visitor].[EligibilityId] = :eligibility_id ORDER BY [IntSchema].[Visitor].[VisitorId]) AS [InternalVisitorEmail], CASE WHEN (EXISTS (SELECT *
FROM [ExtSchema].[ClaimBankDetail]
WHERE [ExtSchema].[ClaimBankDetail].[ClaimId] = :claim_id)) THEN 1 ELSE 0 END AS has_bank_detail, CASE WHEN (EXISTS (SELECT *
FROM [ExtSchema].[ClaimDocument]
WHERE [ExtSchema].[ClaimDocument].[ClaimId] = :claim_id OR [ExtSchema].[ClaimDocument].[ClaimId] IS NULL AND [ExtSchema].[ClaimDocument].[EligibilityId] = :eligibility_id)) THEN 1 ELSE 0 END AS has_documents, CASE WHEN (EXISTS (SELECT *
FROM [ExtSchema].[EligibilityVisitorUpdateContactDetail]
WHERE [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityId] = :eligibility_id)) THEN 1 ELSE 0 END AS has_contact_updates, CASE WHEN (EXISTS (SELECT *
FROM [ExtSchema].[Benefit]
WHERE [ExtSchema].[Benefit].[EligibilityId] = :eligibility_id)) THEN 1 ELSE 0 END AS has_benefit
FROM locked_claim LEFT OUTER JOIN locked_eligibility ON 1 = 1;

-- move: delete claim
DELETE FROM [ExtSchema].[Claim] WHERE [ExtSchema].[Claim].[ClaimId] = :claim_id;

-- move: delete eligibility
DELETE FROM [ExtSchema].[Eligibility] WHERE [ExtSchema].[Eligibility].[EligibilityId] = :eligibility_id;

-- move: insert events
INSERT INTO [IntSchema].[ClaimEvent] ([EligibilityId], [ClaimId], [ClaimDocumentId], [DateAdded], [Reference], [Event], [AdditionalData], [Note], [Caseworker], [IsInternal]) VALUES (:EligibilityId, :ClaimId, :ClaimDocumentId, :DateAdded, :Reference, :Event, :AdditionalData, :Note, :Caseworker, :IsInternal);

-- move: insert tasks
INSERT INTO [IntSchema].[Task] ([Task], [Reference], [EligibilityId], [ClaimId], [AdditionalData], [DateCreated], [Status], [NextAttemptDate]) VALUES (:Task, :Reference, :EligibilityId, :ClaimId, :AdditionalData, :DateCreated, :Status, :NextAttemptDate);

-- move: take bank_detail
DELETE FROM [ExtSchema].[ClaimBankDetail] OUTPUT deleted.[ClaimBankDetailId], deleted.[EligibilityId], deleted.[ClaimId], deleted.[Reference], deleted.[AccountNumber], deleted.[SortCode], deleted.[NameOnAccount], deleted.[RollNumber] WHERE [ExtSchema].[ClaimBankDetail].[ClaimId] = :claim_id;

-- move: take expenses
DELETE FROM [ExtSchema].[ClaimExpense] OUTPUT deleted.[ClaimExpenseId], deleted.[EligibilityId], deleted.[ClaimId], deleted.[Reference], deleted.[ExpenseType], deleted.[Cost], deleted.[TravelTime], deleted.[From], deleted.[To], deleted.[TicketType], deleted.[ReturnTime], deleted.[IsReturn], deleted.[DurationOfTravel], deleted.[TicketOwner], deleted.[IsEnabled], deleted.[FromPostCode], deleted.[ToPostCode], deleted.[Distance] WHERE [ExtSchema].[ClaimExpense].[ClaimId] = :claim_id;

-- move: take children
DELETE FROM [ExtSchema].[ClaimChild] OUTPUT deleted.[ClaimChildId], deleted.[EligibilityId], deleted.[ClaimId], deleted.[Reference], deleted.[FirstName], deleted.[LastName], deleted.[DateOfBirth], deleted.[Relationship], deleted.[IsEnabled] WHERE [ExtSchema].[ClaimChild].[ClaimId] = :claim_id;

-- move: take escorts
DELETE FROM [ExtSchema].[ClaimEscort] OUTPUT deleted.[ClaimEscortId], deleted.[EligibilityId], deleted.[ClaimId], deleted.[Reference], deleted.[FirstName], deleted.[LastName], deleted.[DateOfBirth], deleted.[IsEnabled] WHERE [ExtSchema].[ClaimEscort].[ClaimId] = :claim_id;

-- move: take documents
DELETE FROM [ExtSchema].[ClaimDocument] OUTPUT deleted.[ClaimDocumentId], deleted.[EligibilityId], deleted.[ClaimId], deleted.[ClaimExpenseId], deleted.[Reference], deleted.[DocumentType], deleted.[DocumentStatus], deleted.[Filepath], deleted.[DateSubmitted], deleted.[IsEnabled] WHERE [ExtSchema].[ClaimDocument].[ClaimId] = :claim_id OR [ExtSchema].[ClaimDocument].[ClaimId] IS NULL AND [ExtSchema].[ClaimDocument].[EligibilityId] = :eligibility_id;

-- move: take contact_updates
DELETE FROM [ExtSchema].[EligibilityVisitorUpdateContactDetail] OUTPUT deleted.[EligibilityVisitorUpdateContactDetailId], deleted.[Reference], deleted.[EligibilityId], deleted.[EmailAddress], deleted.[PhoneNumber], deleted.[DateSubmitted] WHERE [ExtSchema].[EligibilityVisitorUpdateContactDetail].[EligibilityId] = :eligibility_id;

-- move: take benefit
DELETE FROM [ExtSchema].[Benefit] OUTPUT deleted.[BenefitId], deleted.[EligibilityId], deleted.[Reference], deleted.[FirstName], deleted.[LastName], deleted.[NationalInsuranceNumber], deleted.[DateOfBirth] WHERE [ExtSchema].[Benefit].[EligibilityId] = :eligibility_id;

-- move: take visitor
DELETE FROM [ExtSchema].[Visitor] OUTPUT deleted.[VisitorId], deleted.[EligibilityId], deleted.[Reference], deleted.[FirstName], deleted.[LastName], deleted.[NationalInsuranceNumber], deleted.[HouseNumberAndStreet], deleted.[Town], deleted.[County], deleted.[Country], deleted.[PostCode], deleted.[EmailAddress], deleted.[PhoneNumber], deleted.[DateOfBirth], deleted.[Relationship], deleted.[Benefit], deleted.[BenefitOwner] WHERE [ExtSchema].[Visitor].[EligibilityId] = :eligibility_id;

-- move: take prisoner
DELETE FROM [ExtSchema].[Prisoner] OUTPUT deleted.[PrisonerId], deleted.[EligibilityId], deleted.[Reference], deleted.[FirstName], deleted.[LastName], deleted.[DateOfBirth], deleted.[PrisonNumber], deleted.[NameOfPrison] WHERE [ExtSchema].[Prisoner].[EligibilityId] = :eligibility_id;

-- move: take eligible_children
DELETE FROM [ExtSchema].[EligibleChild] OUTPUT deleted.[EligibleChildId], deleted.[EligibilityId], deleted.[DateOfBirth], deleted.[Reference], deleted.[FirstName], deleted.[LastName], deleted.[ChildRelationship], deleted.[ParentFirstName], deleted.[ParentLastName], deleted.[HouseNumberAndStreet], deleted.[Town], deleted.[County], deleted.[Country], deleted.[PostCode] WHERE [ExtSchema].[EligibleChild].[EligibilityId] = :eligibility_id;

-- move: insert Eligibility
INSERT INTO [IntSchema].[Eligibility] ([EligibilityId], [ReferenceDisabled], [Reference], [UntrustedReason], [Status], [DisabledReason], [ReEnabledReason], [UntrustedDate], [DateCreated], [DateSubmitted], [IsTrusted]) VALUES (:EligibilityId, :ReferenceDisabled, :Reference, :UntrustedReason, :Status, :DisabledReason, :ReEnabledReason, :UntrustedDate, :DateCreated, :DateSubmitted, :IsTrusted);

-- move: insert Visitor
INSERT INTO [IntSchema].[Visitor] ([VisitorId], [EligibilityId], [Reference], [FirstName], [LastName], [NationalInsuranceNumber], [HouseNumberAndStreet], [Town], [County], [Country], [PostCode], [EmailAddress], [PhoneNumber], [DateOfBirth], [Relationship], [Benefit], [BenefitOwner], [DWPBenefitCheckerResult], [DWPCheck], [BenefitExpiryDate]) VALUES (:VisitorId, :EligibilityId, :Reference, :FirstName, :LastName, :NationalInsuranceNumber, :HouseNumberAndStreet, :Town, :County, :Country, :PostCode, :EmailAddress, :PhoneNumber, :DateOfBirth, :Relationship, :Benefit, :BenefitOwner, :DWPBenefitCheckerResult, :DWPCheck, :BenefitExpiryDate);

-- move: insert Prisoner
INSERT INTO [IntSchema].[Prisoner] ([PrisonerId], [EligibilityId], [Reference], [FirstName], [LastName], [DateOfBirth], [PrisonNumber], [NameOfPrison], [NomisCheck], [ReleaseDateIsSet], [ReleaseDate]) VALUES (:PrisonerId, :EligibilityId, :Reference, :FirstName, :LastName, :DateOfBirth, :PrisonNumber, :NameOfPrison, :NomisCheck, :ReleaseDateIsSet, :ReleaseDate);

-- move: insert EligibleChild
INSERT INTO [IntSchema].[EligibleChild] ([EligibleChildId], [EligibilityId], [DateOfBirth], [Reference], [FirstName], [LastName], [ChildRelationship], [ParentFirstName], [ParentLastName], [HouseNumberAndStreet], [Town], [County], [Country], [PostCode]) VALUES (:EligibleChildId, :EligibilityId, :DateOfBirth, :Reference, :FirstName, :LastName, :ChildRelationship, :ParentFirstName, :ParentLastName, :HouseNumberAndStreet, :Town, :County, :Country, :PostCode);

-- move: insert Benefit
INSERT INTO [IntSchema].[Benefit] ([BenefitId], [EligibilityId], [Reference], [FirstName], [LastName], [NationalInsuranceNumber], [DateOfBirth]) VALUES (:BenefitId, :EligibilityId, :Reference, :FirstName, :LastName, :NationalInsuranceNumber, :DateOfBirth);

-- move: insert Claim
INSERT INTO [IntSchema].[Claim] ([ClaimId], [EligibilityId], [Reference], [AssistedDigitalCaseworker], [ClaimType], [IsAdvanceClaim], [DateOfJourney], [DateCreated], [DateSubmitted], [PaymentMethod], [RejectionReasonId], [IsOverpaid], [ReminderSent], [VisitConfirmationCheck], [Caseworker], [PaymentStatus], [Status], [Reason], [Note], [OverpaymentReason], [AssignedTo], [PaymentAmount], [TotalAmount], [ManuallyProcessedAmount], [OverpaymentAmount], [RemainingOverpaymentAmount], [DateReviewed], [PaymentDate], [DateApproved], [AssignmentExpiry], [DateReminderSent], [LastUpdated], [IsIncludedInAudit]) VALUES (:ClaimId, :EligibilityId, :Reference, :AssistedDigitalCaseworker, :ClaimType, :IsAdvanceClaim, :DateOfJourney, :DateCreated, :DateSubmitted, :PaymentMethod, :RejectionReasonId, :IsOverpaid, :ReminderSent, :VisitConfirmationCheck, :Caseworker, :PaymentStatus, :Status, :Reason, :Note, :OverpaymentReason, :AssignedTo, :PaymentAmount, :TotalAmount, :ManuallyProcessedAmount, :OverpaymentAmount, :RemainingOverpaymentAmount, :DateReviewed, :PaymentDate, :DateApproved, :AssignmentExpiry, :DateReminderSent, :LastUpdated, :IsIncludedInAudit);

-- move: insert ClaimBankDetail
INSERT INTO [IntSchema].[ClaimBankDetail] ([ClaimBankDetailId], [EligibilityId], [ClaimId], [Reference], [AccountNumber], [SortCode], [NameOnAccount], [RollNumber]) VALUES (:ClaimBankDetailId, :EligibilityId, :ClaimId, :Reference, :AccountNumber, :SortCode, :NameOnAccount, :RollNumber);

-- move: insert ClaimExpense
INSERT INTO [IntSchema].[ClaimExpense] ([ClaimExpenseId], [EligibilityId], [ClaimId], [Reference], [ExpenseType], [Cost], [TravelTime], [From], [To], [TicketType], [ReturnTime], [IsReturn], [DurationOfTravel], [TicketOwner], [IsEnabled], [FromPostCode], [ToPostCode], [Distance], [ApprovedCost], [Status]) VALUES (:ClaimExpenseId, :EligibilityId, :ClaimId, :Reference, :ExpenseType, :Cost, :TravelTime, :From, :To, :TicketType, :ReturnTime, :IsReturn, :DurationOfTravel, :TicketOwner, :IsEnabled, :FromPostCode, :ToPostCode, :Distance, :ApprovedCost, :Status);

-- move: insert ClaimChild
INSERT INTO [IntSchema].[ClaimChild] ([ClaimChildId], [EligibilityId], [ClaimId], [Reference], [FirstName], [LastName], [DateOfBirth], [Relationship], [IsEnabled]) VALUES (:ClaimChildId, :EligibilityId, :ClaimId, :Reference, :FirstName, :LastName, :DateOfBirth, :Relationship, :IsEnabled);

-- move: insert ClaimDocument
INSERT INTO [IntSchema].[ClaimDocument] ([ClaimDocumentId], [EligibilityId], [ClaimId], [ClaimExpenseId], [Reference], [DocumentType], [DocumentStatus], [Filepath], [DateSubmitted], [IsEnabled], [Caseworker], [Status]) VALUES (:ClaimDocumentId, :EligibilityId, :ClaimId, :ClaimExpenseId, :Reference, :DocumentType, :DocumentStatus, :Filepath, :DateSubmitted, :IsEnabled, :Caseworker, :Status);

-- move: insert ClaimEscort
INSERT INTO [IntSchema].[ClaimEscort] ([ClaimEscortId], [EligibilityId], [ClaimId], [Reference], [FirstName], [LastName], [DateOfBirth], [IsEnabled]) VALUES (:ClaimEscortId, :EligibilityId, :ClaimId, :Reference, :FirstName, :LastName, :DateOfBirth, :IsEnabled);

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
