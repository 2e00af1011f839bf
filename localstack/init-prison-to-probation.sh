#!/bin/sh
# LocalStack ready hook (mount into /etc/localstack/init/ready.d/): the prison-to-probation
# resources, as `hmpps-workers p2p bootstrap-aws` creates them. Keep the two in step
# (tests/unit/runners/test_p2p_deployment.py checks the names and settings).
set -e
REGION=eu-west-2
awslocal sqs create-queue --region $REGION --queue-name prison_to_probation_dlq
awslocal sqs create-queue --region $REGION --queue-name prison_to_probation_parked
DLQ_ARN=arn:aws:sqs:$REGION:000000000000:prison_to_probation_dlq
awslocal sqs create-queue --region $REGION --queue-name prison_to_probation_queue \
  --attributes '{"VisibilityTimeout":"30","RedrivePolicy":"{\"deadLetterTargetArn\":\"'$DLQ_ARN'\",\"maxReceiveCount\":\"3\"}"}'
TOPIC_ARN=$(awslocal sns create-topic --region $REGION --name offender_events --output text --query TopicArn)
awslocal sns subscribe --region $REGION --topic-arn "$TOPIC_ARN" --protocol sqs \
  --notification-endpoint arn:aws:sqs:$REGION:000000000000:prison_to_probation_queue \
  --attributes '{"FilterPolicy":"{\"eventType\":[\"IMPRISONMENT_STATUS-CHANGED\",\"EXTERNAL_MOVEMENT_RECORD-INSERTED\",\"SENTENCE_DATES-CHANGED\",\"CONFIRMED_RELEASE_DATE-CHANGED\",\"BOOKING_NUMBER-CHANGED\"]}"}'
awslocal dynamodb create-table --region $REGION --table-name cp-message \
  --attribute-definitions AttributeName=id,AttributeType=S AttributeName=pending,AttributeType=S \
    AttributeName=pendingOrder,AttributeType=S AttributeName=bookingId,AttributeType=N \
  --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST \
  --global-secondary-indexes \
    '[{"IndexName":"pending-index","KeySchema":[{"AttributeName":"pending","KeyType":"HASH"},{"AttributeName":"pendingOrder","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},{"IndexName":"bookingId-index","KeySchema":[{"AttributeName":"bookingId","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]'
awslocal dynamodb update-time-to-live --region $REGION --table-name cp-message \
  --time-to-live-specification Enabled=true,AttributeName=deleteBy
awslocal dynamodb create-table --region $REGION --table-name cp-schedule \
  --attribute-definitions AttributeName=_id,AttributeType=S \
  --key-schema AttributeName=_id,KeyType=HASH --billing-mode PAY_PER_REQUEST
echo "prison-to-probation resources ready"
