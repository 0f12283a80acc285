/**
 * Amazon SageMaker real-time endpoints through SageMaker Runtime's InvokeEndpoint and
 * InvokeEndpointWithResponseStream, signed with Signature Version 4: {@code sagemaker} speaks the
 * Hugging Face text-generation (TGI) format, {@code sagemaker_chat} the container's
 * OpenAI-compatible Messages API (docs/providers/sagemaker.md).
 */
package dev.gatehouse.provider.sagemaker;
