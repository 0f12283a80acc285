/**
 * The AWS Bedrock provider: OpenAI Chat Completions translated to and from Bedrock's Converse
 * and ConverseStream API, signed with Signature Version 4 ({@link dev.gatehouse.aws.SigV4}) or
 * sent with a Bedrock API key. Only {@link dev.gatehouse.provider.bedrock.BedrockDescriptor} and
 * {@link dev.gatehouse.provider.bedrock.BedrockProvider} are public; the mappings are package-private pure functions. What is mapped, dropped or refused
 * is listed in {@code docs/providers/bedrock.md}.
 */
package dev.gatehouse.provider.bedrock;
