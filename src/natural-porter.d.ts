// Types for natural's English Porter stemmer module, imported on its own (natural
// declares only its index modules).
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
