#!/usr/bin/env python3
"""The CDK app: `npx cdk synth` in this folder, with this library, aws-cdk-lib and cdk-nag installed."""
from aws_cdk import App, Validations
from cdk_nag import AwsSolutionsChecks, ServerlessChecks

from cdk_serverless_patterns import ServerlessPatternsChecks
from orders_service import OrdersService

app = App()
OrdersService(app, "PythonOrdersService")

# The same judges as every TypeScript example: a finding fails `cdk synth`.
Validations.of(app).add_plugins(AwsSolutionsChecks(app), ServerlessChecks(app), ServerlessPatternsChecks())

app.synth()
