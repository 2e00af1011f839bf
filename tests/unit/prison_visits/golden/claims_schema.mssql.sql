CREATE TABLE [ExtSchema].[Benefit] (
	[BenefitId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[NationalInsuranceNumber] NVARCHAR(10) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	CONSTRAINT ext_benefit_pkey PRIMARY KEY ([BenefitId])
);

CREATE INDEX ext_benefit_eligibilityid_index ON [ExtSchema].[Benefit] ([EligibilityId]);

CREATE INDEX ext_benefit_reference_index ON [ExtSchema].[Benefit] ([Reference]);

CREATE TABLE [ExtSchema].[Claim] (
	[ClaimId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[AssistedDigitalCaseworker] NVARCHAR(100) NULL,
	[ClaimType] NVARCHAR(50) NULL,
	[IsAdvanceClaim] BIT NULL,
	[DateOfJourney] DATETIME2 NOT NULL,
	[DateCreated] DATETIME2 NOT NULL,
	[DateSubmitted] DATETIME2 NULL,
	[PaymentMethod] NVARCHAR(10) NULL,
	[Status] NVARCHAR(20) NOT NULL,
	CONSTRAINT ext_claim_pkey PRIMARY KEY ([ClaimId])
);

CREATE INDEX ext_claim_eligibilityid_claimid_index ON [ExtSchema].[Claim] ([EligibilityId], [ClaimId]);

CREATE INDEX ext_claim_reference_index ON [ExtSchema].[Claim] ([Reference]);

CREATE TABLE [ExtSchema].[ClaimBankDetail] (
	[ClaimBankDetailId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[AccountNumber] NVARCHAR(8) NULL,
	[SortCode] NVARCHAR(6) NULL,
	[NameOnAccount] NVARCHAR(100) NOT NULL,
	[RollNumber] NVARCHAR(30) NULL,
	CONSTRAINT ext_claimbankdetail_pkey PRIMARY KEY ([ClaimBankDetailId])
);

CREATE INDEX ext_claimbankdetail_reference_index ON [ExtSchema].[ClaimBankDetail] ([Reference]);

CREATE TABLE [ExtSchema].[ClaimDocument] (
	[ClaimDocumentId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NULL,
	[ClaimExpenseId] INTEGER NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[DocumentType] NVARCHAR(20) NOT NULL,
	[DocumentStatus] NVARCHAR(20) NOT NULL,
	[Filepath] NVARCHAR(250) NULL,
	[DateSubmitted] DATETIME2 NULL,
	[IsEnabled] BIT NULL,
	CONSTRAINT ext_claimdocument_pkey PRIMARY KEY ([ClaimDocumentId])
);

CREATE INDEX ext_claimdocument_claimid_isenabled_claimexpenseid_index ON [ExtSchema].[ClaimDocument] ([ClaimId], [IsEnabled], [ClaimExpenseId]);

CREATE INDEX ext_claimdocument_reference_index ON [ExtSchema].[ClaimDocument] ([Reference]);

CREATE TABLE [ExtSchema].[Eligibility] (
	[EligibilityId] INTEGER NOT NULL IDENTITY(1,1),
	[Reference] NVARCHAR(10) NOT NULL,
	[DateCreated] DATETIME2 NOT NULL,
	[DateSubmitted] DATETIME2 NULL,
	[Status] NVARCHAR(20) NOT NULL,
	CONSTRAINT ext_eligibility_pkey PRIMARY KEY ([EligibilityId])
);

CREATE INDEX ext_eligibility_reference_index ON [ExtSchema].[Eligibility] ([Reference]);

CREATE TABLE [ExtSchema].[EligibilityVisitorUpdateContactDetail] (
	[EligibilityVisitorUpdateContactDetailId] INTEGER NOT NULL IDENTITY(1,1),
	[Reference] NVARCHAR(10) NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[EmailAddress] NVARCHAR(100) NOT NULL,
	[PhoneNumber] NVARCHAR(100) NULL,
	[DateSubmitted] DATETIME2 NOT NULL,
	CONSTRAINT ext_eligibilityvisitorupdatecontactdetail_pkey PRIMARY KEY ([EligibilityVisitorUpdateContactDetailId])
);

CREATE INDEX ext_eligibilityvisitorupdatecontactdetail_reference_index ON [ExtSchema].[EligibilityVisitorUpdateContactDetail] ([Reference]);

CREATE TABLE [IntSchema].[AutoApproval] (
	[AutoApprovalId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[EmailAddress] NVARCHAR(100) NOT NULL,
	[DateAdded] DATETIME2 NOT NULL,
	CONSTRAINT int_autoapproval_pkey PRIMARY KEY ([AutoApprovalId])
);

CREATE TABLE [IntSchema].[AutoApprovalConfig] (
	[AutoApprovalConfigId] INTEGER NOT NULL IDENTITY(1,1),
	[MaxDaysAfterAPVUVisit] INTEGER NULL,
	[MaxNumberOfClaimsPerYear] INTEGER NULL,
	[MaxNumberOfClaimsPerMonth] INTEGER NULL,
	[Caseworker] NVARCHAR(100) NULL,
	[RulesDisabled] NVARCHAR(4000) NULL,
	[DateCreated] DATETIME2 NULL,
	[CostVariancePercentage] DECIMAL(8, 2) NULL,
	[MaxClaimTotal] DECIMAL(8, 2) NULL,
	[AutoApprovalEnabled] BIT NULL,
	[IsEnabled] BIT NULL,
	[NumberOfConsecutiveAutoApprovals] INTEGER NULL,
	[CostPerMile] DECIMAL(8, 2) NULL,
	CONSTRAINT int_autoapprovalconfig_pkey PRIMARY KEY ([AutoApprovalConfigId])
);

CREATE TABLE [IntSchema].[Benefit] (
	[BenefitId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[NationalInsuranceNumber] NVARCHAR(10) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	CONSTRAINT int_benefit_pkey PRIMARY KEY ([BenefitId])
);

CREATE INDEX int_benefit_eligibilityid_index ON [IntSchema].[Benefit] ([EligibilityId]);

CREATE INDEX int_benefit_reference_index ON [IntSchema].[Benefit] ([Reference]);

CREATE TABLE [IntSchema].[Claim] (
	[ClaimId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[AssistedDigitalCaseworker] NVARCHAR(100) NULL,
	[ClaimType] NVARCHAR(50) NULL,
	[IsAdvanceClaim] BIT NULL,
	[DateOfJourney] DATETIME2 NOT NULL,
	[DateCreated] DATETIME2 NOT NULL,
	[DateSubmitted] DATETIME2 NULL,
	[PaymentMethod] NVARCHAR(10) NULL,
	[RejectionReasonId] INTEGER NULL,
	[IsOverpaid] BIT NULL,
	[ReminderSent] BIT NULL,
	[VisitConfirmationCheck] NVARCHAR(20) NULL,
	[Caseworker] NVARCHAR(100) NULL,
	[PaymentStatus] NVARCHAR(20) NULL,
	[Status] NVARCHAR(30) NOT NULL,
	[Reason] NVARCHAR(100) NULL,
	[Note] NVARCHAR(250) NULL,
	[OverpaymentReason] NVARCHAR(250) NULL,
	[AssignedTo] NVARCHAR(100) NULL,
	[PaymentAmount] DECIMAL(8, 2) NULL,
	[TotalAmount] DECIMAL(8, 2) NULL,
	[ManuallyProcessedAmount] DECIMAL(8, 2) NULL,
	[OverpaymentAmount] DECIMAL(8, 2) NULL,
	[RemainingOverpaymentAmount] DECIMAL(8, 2) NULL,
	[DateReviewed] DATETIME2 NULL,
	[PaymentDate] DATETIME2 NULL,
	[DateApproved] DATETIME2 NULL,
	[AssignmentExpiry] DATETIME2 NULL,
	[DateReminderSent] DATETIME2 NULL,
	[LastUpdated] DATETIME2 NULL DEFAULT CURRENT_TIMESTAMP,
	[IsIncludedInAudit] BIT NULL,
	CONSTRAINT int_claim_pkey PRIMARY KEY ([ClaimId]),
	CONSTRAINT int_claim_claimid_unique UNIQUE ([ClaimId])
);

CREATE INDEX int_claim_eligibilityid_claimid_index ON [IntSchema].[Claim] ([EligibilityId], [ClaimId]);

CREATE INDEX int_claim_reference_index ON [IntSchema].[Claim] ([Reference]);

CREATE INDEX int_claim_rejectionreasonid_index ON [IntSchema].[Claim] ([RejectionReasonId]);

CREATE TABLE [IntSchema].[DirectPaymentFile] (
	[PaymentFileId] INTEGER NOT NULL IDENTITY(1,1),
	[FileType] NVARCHAR(20) NOT NULL,
	[Filepath] NVARCHAR(250) NOT NULL,
	[DateCreated] DATETIME2 NOT NULL,
	[IsEnabled] BIT NULL DEFAULT 1,
	CONSTRAINT int_directpaymentfile_pkey PRIMARY KEY ([PaymentFileId])
);

CREATE TABLE [IntSchema].[Eligibility] (
	[EligibilityId] INTEGER NOT NULL,
	[ReferenceDisabled] INTEGER NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[UntrustedReason] NVARCHAR(255) NULL,
	[Status] NVARCHAR(20) NOT NULL,
	[DisabledReason] NVARCHAR(2000) NULL,
	[ReEnabledReason] NVARCHAR(2000) NULL,
	[UntrustedDate] DATETIME2 NULL,
	[DateCreated] DATETIME2 NOT NULL,
	[DateSubmitted] DATETIME2 NULL,
	[IsTrusted] BIT NULL DEFAULT 1,
	CONSTRAINT int_eligibility_pkey PRIMARY KEY ([EligibilityId]),
	CONSTRAINT int_eligibility_eligibilityid_unique UNIQUE ([EligibilityId])
);

CREATE INDEX int_eligibility_reference_index ON [IntSchema].[Eligibility] ([Reference]);

CREATE TABLE [IntSchema].[EligibleChild] (
	[EligibleChildId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[ChildRelationship] NVARCHAR(100) NOT NULL,
	[ParentFirstName] NVARCHAR(100) NOT NULL,
	[ParentLastName] NVARCHAR(100) NOT NULL,
	[HouseNumberAndStreet] NVARCHAR(250) NOT NULL,
	[Town] NVARCHAR(100) NOT NULL,
	[County] NVARCHAR(100) NOT NULL,
	[Country] NVARCHAR(100) NOT NULL,
	[PostCode] NVARCHAR(10) NOT NULL,
	CONSTRAINT int_eligiblechild_pkey PRIMARY KEY ([EligibleChildId])
);

CREATE INDEX int_eligiblechild_reference_index ON [IntSchema].[EligibleChild] ([Reference]);

CREATE TABLE [ExtSchema].[ClaimChild] (
	[ClaimChildId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(50) NOT NULL,
	[LastName] NVARCHAR(50) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[Relationship] NVARCHAR(100) NOT NULL,
	[IsEnabled] BIT NULL,
	CONSTRAINT ext_claimchild_pkey PRIMARY KEY ([ClaimChildId]),
	CONSTRAINT ext_claimchild_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [ExtSchema].[Claim] ([ClaimId])
);

CREATE INDEX ext_claimchild_reference_index ON [ExtSchema].[ClaimChild] ([Reference]);

CREATE TABLE [ExtSchema].[ClaimEscort] (
	[ClaimEscortId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[IsEnabled] BIT NULL,
	CONSTRAINT ext_claimescort_pkey PRIMARY KEY ([ClaimEscortId]),
	CONSTRAINT ext_claimescort_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [ExtSchema].[Claim] ([ClaimId])
);

CREATE INDEX ext_claimescort_reference_index ON [ExtSchema].[ClaimEscort] ([Reference]);

CREATE TABLE [ExtSchema].[ClaimExpense] (
	[ClaimExpenseId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[ExpenseType] NVARCHAR(100) NOT NULL,
	[Cost] DECIMAL(8, 2) NOT NULL,
	[TravelTime] NVARCHAR(100) NULL,
	[From] NVARCHAR(100) NULL,
	[To] NVARCHAR(100) NULL,
	[TicketType] NVARCHAR(100) NULL,
	[ReturnTime] NVARCHAR(100) NULL,
	[IsReturn] BIT NULL,
	[DurationOfTravel] INTEGER NULL,
	[TicketOwner] NVARCHAR(10) NULL,
	[IsEnabled] BIT NULL,
	[FromPostCode] NVARCHAR(10) NULL,
	[ToPostCode] NVARCHAR(10) NULL,
	[Distance] DECIMAL(8, 2) NULL,
	CONSTRAINT ext_claimexpense_pkey PRIMARY KEY ([ClaimExpenseId]),
	CONSTRAINT ext_claimexpense_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [ExtSchema].[Claim] ([ClaimId])
);

CREATE INDEX ext_claimexpense_reference_index ON [ExtSchema].[ClaimExpense] ([Reference]);

CREATE TABLE [ExtSchema].[EligibleChild] (
	[EligibleChildId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[ChildRelationship] NVARCHAR(100) NOT NULL,
	[ParentFirstName] NVARCHAR(100) NOT NULL,
	[ParentLastName] NVARCHAR(100) NOT NULL,
	[HouseNumberAndStreet] NVARCHAR(250) NOT NULL,
	[Town] NVARCHAR(100) NOT NULL,
	[County] NVARCHAR(100) NOT NULL,
	[Country] NVARCHAR(100) NOT NULL,
	[PostCode] NVARCHAR(10) NOT NULL,
	CONSTRAINT ext_eligiblechild_pkey PRIMARY KEY ([EligibleChildId]),
	CONSTRAINT ext_eligiblechild_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [ExtSchema].[Eligibility] ([EligibilityId])
);

CREATE INDEX ext_eligiblechild_reference_index ON [ExtSchema].[EligibleChild] ([Reference]);

CREATE TABLE [ExtSchema].[Prisoner] (
	[PrisonerId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[PrisonNumber] NVARCHAR(10) NOT NULL,
	[NameOfPrison] NVARCHAR(100) NOT NULL,
	CONSTRAINT ext_prisoner_pkey PRIMARY KEY ([PrisonerId]),
	CONSTRAINT ext_prisoner_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [ExtSchema].[Eligibility] ([EligibilityId])
);

CREATE INDEX ext_prisoner_reference_index ON [ExtSchema].[Prisoner] ([Reference]);

CREATE TABLE [ExtSchema].[Visitor] (
	[VisitorId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[NationalInsuranceNumber] NVARCHAR(10) NOT NULL,
	[HouseNumberAndStreet] NVARCHAR(250) NOT NULL,
	[Town] NVARCHAR(100) NOT NULL,
	[County] NVARCHAR(100) NOT NULL,
	[Country] NVARCHAR(100) NOT NULL,
	[PostCode] NVARCHAR(10) NOT NULL,
	[EmailAddress] NVARCHAR(100) NOT NULL,
	[PhoneNumber] NVARCHAR(100) NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[Relationship] NVARCHAR(100) NOT NULL,
	[Benefit] NVARCHAR(100) NULL,
	[BenefitOwner] NVARCHAR(100) NULL,
	CONSTRAINT ext_visitor_pkey PRIMARY KEY ([VisitorId]),
	CONSTRAINT ext_visitor_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [ExtSchema].[Eligibility] ([EligibilityId])
);

CREATE INDEX ext_visitor_eligibilityid_index ON [ExtSchema].[Visitor] ([EligibilityId]);

CREATE INDEX ext_visitor_reference_index ON [ExtSchema].[Visitor] ([Reference]);

CREATE TABLE [IntSchema].[ClaimBankDetail] (
	[ClaimBankDetailId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[AccountNumber] NVARCHAR(8) NULL,
	[SortCode] NVARCHAR(6) NULL,
	[NameOnAccount] NVARCHAR(100) NOT NULL,
	[RollNumber] NVARCHAR(30) NULL,
	CONSTRAINT int_claimbankdetail_pkey PRIMARY KEY ([ClaimBankDetailId]),
	CONSTRAINT int_claimbankdetail_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimbankdetail_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId])
);

CREATE INDEX int_claimbankdetail_reference_index ON [IntSchema].[ClaimBankDetail] ([Reference]);

CREATE TABLE [IntSchema].[ClaimChild] (
	[ClaimChildId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(50) NOT NULL,
	[LastName] NVARCHAR(50) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[Relationship] NVARCHAR(100) NOT NULL,
	[IsEnabled] BIT NULL,
	CONSTRAINT int_claimchild_pkey PRIMARY KEY ([ClaimChildId]),
	CONSTRAINT int_claimchild_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimchild_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId])
);

CREATE INDEX int_claimchild_reference_index ON [IntSchema].[ClaimChild] ([Reference]);

CREATE TABLE [IntSchema].[ClaimDeduction] (
	[ClaimDeductionId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[DeductionType] NVARCHAR(100) NOT NULL,
	[Amount] DECIMAL(8, 2) NOT NULL,
	[IsEnabled] BIT NULL,
	CONSTRAINT int_claimdeduction_pkey PRIMARY KEY ([ClaimDeductionId]),
	CONSTRAINT int_claimdeduction_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimdeduction_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId])
);

CREATE INDEX int_claimdeduction_reference_index ON [IntSchema].[ClaimDeduction] ([Reference]);

CREATE TABLE [IntSchema].[ClaimEscort] (
	[ClaimEscortId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[IsEnabled] BIT NULL,
	CONSTRAINT int_claimescort_pkey PRIMARY KEY ([ClaimEscortId]),
	CONSTRAINT int_claimescort_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimescort_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId])
);

CREATE INDEX int_claimescort_reference_index ON [IntSchema].[ClaimEscort] ([Reference]);

CREATE TABLE [IntSchema].[ClaimExpense] (
	[ClaimExpenseId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[ExpenseType] NVARCHAR(100) NOT NULL,
	[Cost] DECIMAL(8, 2) NOT NULL,
	[TravelTime] NVARCHAR(100) NULL,
	[From] NVARCHAR(100) NULL,
	[To] NVARCHAR(100) NULL,
	[TicketType] NVARCHAR(100) NULL,
	[ReturnTime] NVARCHAR(100) NULL,
	[IsReturn] BIT NULL,
	[DurationOfTravel] INTEGER NULL,
	[TicketOwner] NVARCHAR(10) NULL,
	[IsEnabled] BIT NULL,
	[FromPostCode] NVARCHAR(10) NULL,
	[ToPostCode] NVARCHAR(10) NULL,
	[Distance] DECIMAL(8, 2) NULL,
	[ApprovedCost] DECIMAL(8, 2) NULL,
	[Status] NVARCHAR(20) NULL,
	CONSTRAINT int_claimexpense_pkey PRIMARY KEY ([ClaimExpenseId]),
	CONSTRAINT int_claimexpense_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimexpense_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId])
);

CREATE INDEX int_claimexpense_reference_index ON [IntSchema].[ClaimExpense] ([Reference]);

CREATE TABLE [IntSchema].[Prisoner] (
	[PrisonerId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[PrisonNumber] NVARCHAR(10) NOT NULL,
	[NameOfPrison] NVARCHAR(100) NOT NULL,
	[NomisCheck] NVARCHAR(20) NULL,
	[ReleaseDateIsSet] BIT NULL,
	[ReleaseDate] DATETIME2 NULL,
	CONSTRAINT int_prisoner_pkey PRIMARY KEY ([PrisonerId]),
	CONSTRAINT int_prisoner_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId])
);

CREATE INDEX int_prisoner_eligibilityid_index ON [IntSchema].[Prisoner] ([EligibilityId]);

CREATE INDEX int_prisoner_reference_index ON [IntSchema].[Prisoner] ([Reference]);

CREATE TABLE [IntSchema].[TopUp] (
	[TopUpId] INTEGER NOT NULL IDENTITY(1,1),
	[ClaimId] INTEGER NOT NULL,
	[PaymentStatus] NVARCHAR(100) NOT NULL,
	[Caseworker] NVARCHAR(100) NOT NULL,
	[Reason] NVARCHAR(2000) NOT NULL,
	[TopUpAmount] DECIMAL(8, 2) NOT NULL,
	[DateAdded] DATETIME2 NULL,
	[PaymentDate] DATETIME2 NULL,
	CONSTRAINT int_topup_pkey PRIMARY KEY ([TopUpId]),
	CONSTRAINT int_topup_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId])
);

CREATE TABLE [IntSchema].[Visitor] (
	[VisitorId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[FirstName] NVARCHAR(100) NOT NULL,
	[LastName] NVARCHAR(100) NOT NULL,
	[NationalInsuranceNumber] NVARCHAR(10) NOT NULL,
	[HouseNumberAndStreet] NVARCHAR(250) NOT NULL,
	[Town] NVARCHAR(100) NOT NULL,
	[County] NVARCHAR(100) NOT NULL,
	[Country] NVARCHAR(100) NOT NULL,
	[PostCode] NVARCHAR(10) NOT NULL,
	[EmailAddress] NVARCHAR(100) NOT NULL,
	[PhoneNumber] NVARCHAR(100) NULL,
	[DateOfBirth] DATETIME2 NOT NULL,
	[Relationship] NVARCHAR(100) NOT NULL,
	[Benefit] NVARCHAR(100) NULL,
	[BenefitOwner] NVARCHAR(100) NULL,
	[DWPBenefitCheckerResult] NVARCHAR(100) NULL,
	[DWPCheck] NVARCHAR(20) NULL,
	[BenefitExpiryDate] DATETIME2 NULL,
	CONSTRAINT int_visitor_pkey PRIMARY KEY ([VisitorId]),
	CONSTRAINT int_visitor_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId])
);

CREATE INDEX int_visitor_eligibilityid_index ON [IntSchema].[Visitor] ([EligibilityId]);

CREATE INDEX int_visitor_reference_index ON [IntSchema].[Visitor] ([Reference]);

CREATE TABLE [IntSchema].[ClaimDocument] (
	[ClaimDocumentId] INTEGER NOT NULL,
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NULL,
	[ClaimExpenseId] INTEGER NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[DocumentType] NVARCHAR(20) NOT NULL,
	[DocumentStatus] NVARCHAR(20) NOT NULL,
	[Filepath] NVARCHAR(250) NULL,
	[DateSubmitted] DATETIME2 NULL,
	[IsEnabled] BIT NULL,
	[Caseworker] NVARCHAR(100) NULL,
	[Status] NVARCHAR(20) NULL,
	CONSTRAINT int_claimdocument_pkey PRIMARY KEY ([ClaimDocumentId]),
	CONSTRAINT int_claimdocument_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimdocument_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId]),
	CONSTRAINT int_claimdocument_claimexpenseid_foreign FOREIGN KEY([ClaimExpenseId]) REFERENCES [IntSchema].[ClaimExpense] ([ClaimExpenseId])
);

CREATE INDEX int_claimdocument_claimid_isenabled_claimexpenseid_index ON [IntSchema].[ClaimDocument] ([ClaimId], [IsEnabled], [ClaimExpenseId]);

CREATE INDEX int_claimdocument_reference_index ON [IntSchema].[ClaimDocument] ([Reference]);

CREATE TABLE [IntSchema].[ClaimEvent] (
	[ClaimEventId] INTEGER NOT NULL IDENTITY(1,1),
	[EligibilityId] INTEGER NOT NULL,
	[ClaimId] INTEGER NOT NULL,
	[ClaimDocumentId] INTEGER NULL,
	[DateAdded] DATETIME2 NOT NULL,
	[Reference] NVARCHAR(10) NOT NULL,
	[Event] NVARCHAR(100) NOT NULL,
	[AdditionalData] NVARCHAR(100) NULL,
	[Note] NVARCHAR(2000) NULL,
	[Caseworker] NVARCHAR(100) NULL,
	[IsInternal] BIT NULL DEFAULT 1,
	CONSTRAINT int_claimevent_pkey PRIMARY KEY ([ClaimEventId]),
	CONSTRAINT int_claimevent_eligibilityid_foreign FOREIGN KEY([EligibilityId]) REFERENCES [IntSchema].[Eligibility] ([EligibilityId]),
	CONSTRAINT int_claimevent_claimid_foreign FOREIGN KEY([ClaimId]) REFERENCES [IntSchema].[Claim] ([ClaimId]),
	CONSTRAINT int_claimevent_claimdocumentid_foreign FOREIGN KEY([ClaimDocumentId]) REFERENCES [IntSchema].[ClaimDocument] ([ClaimDocumentId])
);

CREATE INDEX int_claimevent_reference_index ON [IntSchema].[ClaimEvent] ([Reference]);
