"""Adapters on AWS services, through boto3."""
